#pragma once

#include <QPlainTextEdit>
#include <QPointer>

namespace OrkestrUi {

class CommandHistory;

// The line editor under a terminal: Enter runs, Shift+Enter adds a line, pasted multi-line text
// stays one command, Up/Down walk the history, Ctrl+R searches it backwards (Ctrl+R again for
// an older match, Enter runs, Esc restores), Ctrl+C asks to interrupt when nothing is selected,
// Ctrl+K deletes to the end of the line.
class PromptEdit : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit PromptEdit(QWidget *parent = nullptr);

    void setHistory(CommandHistory *history);
    CommandHistory *history() const { return m_history; }
    QString command() const { return toPlainText(); }
    bool isSearching() const { return m_searching; }
    QString searchQuery() const { return m_query; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void submitted(const QString &command);
    void interruptRequested();
    // "(reverse-i-search)`query': " while searching, empty otherwise.
    void searchStatusChanged(const QString &status);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void showEntry(int index);
    void searchNext(int before);
    void endSearch(bool keep);
    void updateHeight();

    QPointer<CommandHistory> m_history;
    int m_historyIndex = -1; // -1: the line being typed
    QString m_draft;
    bool m_searching = false;
    QString m_query;
    int m_matchIndex = -1;
    QString m_beforeSearch;
};

} // namespace OrkestrUi

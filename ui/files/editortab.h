#pragma once

#include "core/apierror.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>

#include <QPlainTextEdit>
#include <QPointer>

class QLabel;
class QLineEdit;
class QToolButton;
class QMenu;

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}
namespace Orkestr {
class Job;
}
namespace OrkestrSession {
class RemoteFiles;
}

namespace OrkestrUi {

// A QPlainTextEdit with line numbers and the current line highlighted, coloured by a
// KSyntaxHighlighting definition; the theme follows the palette (light or dark) and is applied
// again when the palette changes. Modelled on KSyntaxHighlighting's codeeditor example.
class CodeEditor : public QPlainTextEdit
{
    Q_OBJECT
public:
    // Opens text as the file fileName: unmodified, highlighted by the definition for that name.
    CodeEditor(const QString &fileName, const QString &text, QWidget *parent = nullptr);

    void setDefinition(const KSyntaxHighlighting::Definition &definition);
    KSyntaxHighlighting::Definition definition() const;
    KSyntaxHighlighting::Theme theme() const;
    static KSyntaxHighlighting::Repository &repository();
    // Moves the cursor to a line (1-based); false when there is no such line.
    bool goToLine(int line);

    int lineNumberAreaWidth() const;
    void paintLineNumbers(QPaintEvent *event);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void applyTheme();
    void highlightCurrentLine();

    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter;
    QWidget *m_lineNumbers;
};

// One open file: a text editor with save, find/replace, go to line and a syntax menu; an image
// preview; or a read-only hex view of a binary file.
class EditorTab : public QWidget
{
    Q_OBJECT
public:
    enum class Kind { Text, Image, Hex };

    // Chooses the kind from the bytes: an image when QImage can read them, hex when they are
    // not text (a NUL byte or invalid UTF-8), else text.
    EditorTab(OrkestrSession::RemoteFiles *files, const QString &path, const QByteArray &bytes,
              QWidget *parent = nullptr);

    Kind kind() const { return m_kind; }
    QString path() const { return m_path; }
    // The tab's title: the file name, with "*" while there are unsaved changes.
    QString title() const;
    bool isModified() const;
    bool isSaving() const { return !m_saveJob.isNull(); }
    void setReadOnly(bool readOnly);
    CodeEditor *editor() const { return m_editor; }
    QString text() const;
    // The last save's error; none after a success.
    Orkestr::ApiError saveError() const { return m_saveError; }
    QString messageText() const;

    // Writes the text back through RemoteFiles; saved() or saveFailed() follows.
    void save();
    // Find the next match from the cursor (wrapping); false when there is none.
    bool findNext(const QString &text);
    // Replaces the selected match (if it matches) and finds the next one.
    bool replaceNext(const QString &text, const QString &replacement);
    int replaceAll(const QString &text, const QString &replacement);

    static bool looksBinary(const QByteArray &bytes);
    static QString hexDump(const QByteArray &bytes, qsizetype limit);

Q_SIGNALS:
    void titleChanged();
    void saved();
    void saveFailed(const Orkestr::ApiError &error);

private:
    void showMessage(const QString &text, bool error);
    void buildSyntaxMenu(QMenu *menu);

    OrkestrSession::RemoteFiles *m_files;
    QString m_path;
    Kind m_kind = Kind::Text;
    CodeEditor *m_editor = nullptr;
    QLabel *m_message = nullptr;
    QWidget *m_findBar = nullptr;
    QLineEdit *m_find = nullptr;
    QLineEdit *m_replace = nullptr;
    QToolButton *m_syntaxButton = nullptr;
    QList<QAction *> m_writeActions;
    QPointer<Orkestr::Job> m_saveJob;
    Orkestr::ApiError m_saveError;
    bool m_readOnly = false;
};

} // namespace OrkestrUi

#include "ui/terminal/promptedit.h"

#include "ui/terminal/commandhistory.h"

#include <QFontDatabase>
#include <QKeyEvent>
#include <QTextBlock>

using namespace Qt::StringLiterals;

namespace OrkestrUi {

PromptEdit::PromptEdit(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setObjectName(u"terminalPrompt"_s);
    setAccessibleName(tr("Command"));
    setTabChangesFocus(false);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setFont(fixed);
    connect(document(), &QTextDocument::contentsChanged, this, &PromptEdit::updateHeight);
    updateHeight();
}

void PromptEdit::setHistory(CommandHistory *history)
{
    m_history = history;
    m_historyIndex = -1;
}

QSize PromptEdit::sizeHint() const
{
    const int lines = qBound(1, document()->blockCount(), 6);
    const int height
        = fontMetrics().lineSpacing() * lines + 2 * frameWidth() + int(document()->documentMargin() * 2);
    return {QPlainTextEdit::sizeHint().width(), height};
}

QSize PromptEdit::minimumSizeHint() const
{
    return {fontMetrics().averageCharWidth() * 10, sizeHint().height()};
}

void PromptEdit::updateHeight()
{
    setFixedHeight(sizeHint().height());
}

void PromptEdit::showEntry(int index)
{
    m_historyIndex = index;
    setPlainText(index < 0 ? m_draft : m_history->at(index));
    moveCursor(QTextCursor::End);
}

void PromptEdit::searchNext(int before)
{
    const int found = m_history ? m_history->searchBackward(m_query, before) : -1;
    if (found >= 0) {
        m_matchIndex = found;
        setPlainText(m_history->at(found));
        moveCursor(QTextCursor::End);
    }
    Q_EMIT searchStatusChanged(found >= 0 || m_query.isEmpty()
                                   ? tr("(reverse-i-search)`%1': ").arg(m_query)
                                   : tr("(failed reverse-i-search)`%1': ").arg(m_query));
}

void PromptEdit::endSearch(bool keep)
{
    if (!m_searching)
        return;
    m_searching = false;
    if (!keep)
        setPlainText(m_beforeSearch);
    moveCursor(QTextCursor::End);
    Q_EMIT searchStatusChanged(QString());
}

void PromptEdit::keyPressEvent(QKeyEvent *event)
{
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    const int key = event->key();

    if (m_searching) {
        // Pressing a modifier alone (the Ctrl of the next Ctrl+R) must not end the search.
        if (key == Qt::Key_Control || key == Qt::Key_Shift || key == Qt::Key_Alt || key == Qt::Key_Meta)
            return;
        if (ctrl && key == Qt::Key_R) {
            searchNext(m_matchIndex >= 0 ? m_matchIndex : m_history ? m_history->count() : 0);
            return;
        }
        if (key == Qt::Key_Escape || (ctrl && (key == Qt::Key_G || key == Qt::Key_C))) {
            endSearch(false);
            return;
        }
        if (key == Qt::Key_Backspace) {
            m_query.chop(1);
            m_matchIndex = -1;
            searchNext(m_history ? m_history->count() : 0);
            return;
        }
        if (!ctrl && !event->text().isEmpty() && event->text().at(0).isPrint()) {
            m_query += event->text();
            // A longer query may still match the current entry.
            searchNext(m_matchIndex >= 0 ? m_matchIndex + 1 : m_history ? m_history->count() : 0);
            return;
        }
        // Any other key takes the match and then acts as usual (Enter runs it).
        endSearch(true);
    }

    if ((key == Qt::Key_Return || key == Qt::Key_Enter) && !shift) {
        const QString text = toPlainText();
        clear();
        m_historyIndex = -1;
        m_draft.clear();
        Q_EMIT submitted(text);
        return;
    }
    if (ctrl && key == Qt::Key_R && m_history) {
        m_searching = true;
        m_query.clear();
        m_matchIndex = -1;
        m_beforeSearch = toPlainText();
        Q_EMIT searchStatusChanged(tr("(reverse-i-search)`': "));
        return;
    }
    if (ctrl && !shift && key == Qt::Key_K) {
        // readline's kill-line, on every platform (not only where Qt binds it to Ctrl+K).
        QTextCursor cursor = textCursor();
        cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        cursor.removeSelectedText();
        return;
    }
    if (ctrl && !shift && key == Qt::Key_C && !textCursor().hasSelection()) {
        Q_EMIT interruptRequested();
        return;
    }
    if (key == Qt::Key_Up && !ctrl && m_history && textCursor().blockNumber() == 0
        && m_history->count() > 0) {
        if (m_historyIndex < 0) {
            m_draft = toPlainText();
            showEntry(m_history->count() - 1);
        } else if (m_historyIndex > 0) {
            showEntry(m_historyIndex - 1);
        }
        return;
    }
    if (key == Qt::Key_Down && !ctrl && m_history && m_historyIndex >= 0
        && textCursor().blockNumber() == document()->blockCount() - 1) {
        showEntry(m_historyIndex + 1 < m_history->count() ? m_historyIndex + 1 : -1);
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

} // namespace OrkestrUi

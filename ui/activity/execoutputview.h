#pragma once

#include "session/ansisgr.h"

#include <QPlainTextEdit>

namespace OrkestrUi {

// An exec's output as it was written: stdout and stderr interleaved in their order, with the
// colours of its ANSI escapes (the caller turns them into char formats). Stderr is told apart
// twice, so that neither colour alone carries it: its text is tinted, and its lines are marked
// in a margin on the left. Read-only; the number of lines kept is bounded.
class ExecOutputView : public QPlainTextEdit
{
    Q_OBJECT
public:
    enum class Stream { Stdout, Stderr };
    // The char format property that holds a fragment's stream (an int of Stream).
    static constexpr int StreamProperty = 0x100100;

    explicit ExecOutputView(QWidget *parent = nullptr);

    // Appends text of one stream in the given format (colours, bold, ...), keeping the view at
    // the end when it was there.
    void append(const QString &text, QTextCharFormat format, Stream stream);
    // Appends the styled runs of one stream (from the session's ANSI SGR parser).
    void appendRuns(const QList<OrkestrSession::AnsiRun> &runs, Stream stream);
    // The char format of an ANSI style on this view's palette.
    QTextCharFormat formatOf(const OrkestrSession::AnsiStyle &style) const;
    // A line of the viewer's own (a gap, the exit), in italics, on a line of its own.
    void appendNote(const QString &text);
    void clearOutput();

    // The text written to one stream, in order (for tests and "copy").
    QString streamText(Stream stream) const;
    int lineCount() const { return blockCount(); }

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    class Margin;
    void paintMargin(QPaintEvent *event);
    void updateColours();

    Margin *m_margin;
    QColor m_stderrTint;
    QColor m_stderrMark;
};

} // namespace OrkestrUi

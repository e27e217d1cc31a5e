#include "ui/activity/execoutputview.h"

#include "ui/activity/activitycolours.h"

#include <QFontDatabase>
#include <QPaintEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTextBlock>

namespace OrkestrUi {

using namespace Qt::StringLiterals;

namespace {
constexpr int MarginWidth = 6;
constexpr int MaximumLines = 50'000;
// Block user state: the line holds stderr text.
constexpr int StderrLine = 1;
} // namespace

class ExecOutputView::Margin : public QWidget
{
public:
    explicit Margin(ExecOutputView *view)
        : QWidget(view)
        , m_view(view)
    {
    }
    QSize sizeHint() const override { return {MarginWidth, 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_view->paintMargin(event); }

private:
    ExecOutputView *m_view;
};

ExecOutputView::ExecOutputView(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_margin(new Margin(this))
{
    setObjectName(u"execOutput"_s);
    setAccessibleName(tr("Command output"));
    setAccessibleDescription(tr("Standard error is tinted and marked in the left margin"));
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setMaximumBlockCount(MaximumLines);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setViewportMargins(MarginWidth, 0, 0, 0);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    connect(this, &QPlainTextEdit::updateRequest, m_margin, [this](const QRect &rect, int dy) {
        if (dy != 0)
            m_margin->scroll(0, dy);
        else
            m_margin->update(0, rect.y(), m_margin->width(), rect.height());
    });
    updateColours();
}

void ExecOutputView::updateColours()
{
    m_stderrTint = ActivityColours::stderrTint(palette());
    m_stderrMark = ActivityColours::errorColour(palette());
}

void ExecOutputView::append(const QString &text, QTextCharFormat format, Stream stream)
{
    if (text.isEmpty())
        return;
    QScrollBar *bar = verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum();
    format.setProperty(StreamProperty, int(stream));
    if (stream == Stream::Stderr && !format.hasProperty(QTextFormat::BackgroundBrush))
        format.setBackground(m_stderrTint);
    // The program chose its colours for a terminal of its own: each is made readable on what it is
    // drawn on here (Base, the stderr tint, or its own background).
    if (format.hasProperty(QTextFormat::ForegroundBrush)) {
        const QColor background = format.hasProperty(QTextFormat::BackgroundBrush)
            ? format.background().color()
            : palette().color(QPalette::Base);
        format.setForeground(ActivityColours::readableOn(format.foreground().color(), background));
    }
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    cursor.beginEditBlock();
    // Line by line, so that each line knows whether it holds stderr text (the margin's mark).
    qsizetype from = 0;
    while (from < text.size()) {
        qsizetype newline = text.indexOf(u'\n', from);
        const qsizetype end = newline < 0 ? text.size() : newline;
        if (end > from)
            cursor.insertText(text.mid(from, end - from), format);
        if (stream == Stream::Stderr)
            cursor.block().setUserState(StderrLine);
        if (newline < 0)
            break;
        cursor.insertBlock();
        from = newline + 1;
    }
    cursor.endEditBlock();
    if (atEnd)
        bar->setValue(bar->maximum());
}

void ExecOutputView::appendRuns(const QList<OrkestrSession::AnsiRun> &runs, Stream stream)
{
    for (const auto &run : runs)
        append(run.text, formatOf(run.style), stream);
}

QTextCharFormat ExecOutputView::formatOf(const OrkestrSession::AnsiStyle &style) const
{
    QTextCharFormat format;
    if (style.isPlain())
        return format;
    const QPalette colours = palette();
    const quint32 text = colours.color(QPalette::Text).rgb() & 0xffffff;
    const quint32 base = colours.color(QPalette::Base).rgb() & 0xffffff;
    QColor foreground = QColor::fromRgb(style.foreground.toRgb(text));
    QColor background = QColor::fromRgb(style.background.toRgb(base));
    if (style.inverse)
        std::swap(foreground, background);
    if (!style.foreground.isDefault() || style.inverse)
        format.setForeground(foreground);
    if (!style.background.isDefault() || style.inverse)
        format.setBackground(background);
    if (style.bold)
        format.setFontWeight(QFont::Bold);
    format.setFontItalic(style.italic);
    format.setFontUnderline(style.underline);
    return format;
}

void ExecOutputView::appendNote(const QString &text)
{
    QTextCharFormat format;
    format.setFontItalic(true);
    format.setForeground(palette().color(QPalette::PlaceholderText));
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    // On a line of its own: after the output's last line, not after an empty one.
    if (!cursor.block().text().isEmpty())
        cursor.insertBlock();
    cursor.insertText(text, format);
}

void ExecOutputView::clearOutput()
{
    clear();
}

QString ExecOutputView::streamText(Stream stream) const
{
    QString text;
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next()) {
        bool any = false;
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (fragment.charFormat().hasProperty(StreamProperty)
                && fragment.charFormat().intProperty(StreamProperty) == int(stream)) {
                text += fragment.text();
                any = true;
            }
        }
        if (any && block.next().isValid())
            text += u'\n';
    }
    return text;
}

void ExecOutputView::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect area = contentsRect();
    m_margin->setGeometry(area.left(), area.top(), MarginWidth, area.height());
}

void ExecOutputView::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateColours();
}

void ExecOutputView::paintMargin(QPaintEvent *event)
{
    QPainter painter(m_margin);
    painter.fillRect(event->rect(), palette().color(QPalette::Base));
    QTextBlock block = firstVisibleBlock();
    qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
    while (block.isValid() && top <= event->rect().bottom()) {
        const qreal height = blockBoundingRect(block).height();
        if (block.isVisible() && block.userState() == StderrLine)
            painter.fillRect(QRectF(1, top, MarginWidth - 2, height), m_stderrMark);
        top += height;
        block = block.next();
    }
}

} // namespace OrkestrUi

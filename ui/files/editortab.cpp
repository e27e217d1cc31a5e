#include "ui/files/editortab.h"

#include "core/filejobs.h"
#include "session/remotefiles.h"

#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QActionGroup>
#include <QBuffer>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QImage>
#include <QImageReader>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QScrollArea>
#include <QShortcut>
#include <QStringDecoder>
#include <QTextBlock>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace OrkestrUi {

namespace {

class LineNumberArea : public QWidget
{
public:
    explicit LineNumberArea(CodeEditor *editor)
        : QWidget(editor)
        , m_editor(editor)
    {
    }
    QSize sizeHint() const override { return {m_editor->lineNumberAreaWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintLineNumbers(event); }

private:
    CodeEditor *m_editor;
};

} // namespace

KSyntaxHighlighting::Repository &CodeEditor::repository()
{
    // Loading the definitions takes a while: once per process.
    static KSyntaxHighlighting::Repository repository;
    return repository;
}

CodeEditor::CodeEditor(const QString &fileName, const QString &text, QWidget *parent)
    : QPlainTextEdit(parent)
    , m_highlighter(new KSyntaxHighlighting::SyntaxHighlighter(document()))
    , m_lineNumbers(new LineNumberArea(this))
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    applyTheme();
    connect(this, &QPlainTextEdit::blockCountChanged, this,
            [this] { setViewportMargins(lineNumberAreaWidth(), 0, 0, 0); });
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect &rect, int dy) {
        if (dy)
            m_lineNumbers->scroll(0, dy);
        else
            m_lineNumbers->update(0, rect.y(), m_lineNumbers->width(), rect.height());
    });
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &CodeEditor::highlightCurrentLine);
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
    highlightCurrentLine();
    setPlainText(text);
    document()->setModified(false);
    setDefinition(repository().definitionForFileName(fileName));
}

void CodeEditor::setDefinition(const KSyntaxHighlighting::Definition &definition)
{
    m_highlighter->setDefinition(definition);
}

KSyntaxHighlighting::Definition CodeEditor::definition() const
{
    return m_highlighter->definition();
}

KSyntaxHighlighting::Theme CodeEditor::theme() const
{
    return m_highlighter->theme();
}

bool CodeEditor::goToLine(int line)
{
    const QTextBlock block = document()->findBlockByNumber(line - 1);
    if (!block.isValid())
        return false;
    setTextCursor(QTextCursor(block));
    centerCursor();
    return true;
}

void CodeEditor::applyTheme()
{
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    const auto theme = repository().defaultTheme(dark ? KSyntaxHighlighting::Repository::DarkTheme
                                                      : KSyntaxHighlighting::Repository::LightTheme);
    if (theme.name() == m_highlighter->theme().name())
        return;
    m_highlighter->setTheme(theme);
    m_highlighter->rehighlight();
    highlightCurrentLine();
    m_lineNumbers->update();
}

void CodeEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

int CodeEditor::lineNumberAreaWidth() const
{
    int digits = 1;
    for (int count = qMax(1, blockCount()); count >= 10; count /= 10)
        ++digits;
    return 6 + fontMetrics().horizontalAdvance(u'9') * digits;
}

void CodeEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect rect = contentsRect();
    m_lineNumbers->setGeometry(QRect(rect.left(), rect.top(), lineNumberAreaWidth(), rect.height()));
}

void CodeEditor::paintLineNumbers(QPaintEvent *event)
{
    QPainter painter(m_lineNumbers);
    const auto theme = m_highlighter->theme();
    painter.fillRect(event->rect(), QColor(theme.editorColor(KSyntaxHighlighting::Theme::IconBorder)));
    QTextBlock block = firstVisibleBlock();
    int top = int(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + int(blockBoundingRect(block).height());
    const int current = textCursor().blockNumber();
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top()) {
            const bool isCurrent = block.blockNumber() == current;
            painter.setPen(QColor(theme.editorColor(isCurrent ? KSyntaxHighlighting::Theme::CurrentLineNumber
                                                              : KSyntaxHighlighting::Theme::LineNumbers)));
            painter.drawText(0, top, m_lineNumbers->width() - 3, fontMetrics().height(), Qt::AlignRight,
                             QString::number(block.blockNumber() + 1));
        }
        block = block.next();
        top = bottom;
        bottom = top + int(blockBoundingRect(block).height());
    }
}

void CodeEditor::highlightCurrentLine()
{
    QTextEdit::ExtraSelection selection;
    selection.format.setBackground(
        QColor(m_highlighter->theme().editorColor(KSyntaxHighlighting::Theme::CurrentLine)));
    selection.format.setProperty(QTextFormat::FullWidthSelection, true);
    selection.cursor = textCursor();
    selection.cursor.clearSelection();
    setExtraSelections({selection});
}

bool EditorTab::looksBinary(const QByteArray &bytes)
{
    if (bytes.left(8192).contains('\0'))
        return true;
    QStringDecoder decoder(QStringDecoder::Utf8);
    (void)decoder.decode(bytes);
    return decoder.hasError();
}

QString EditorTab::hexDump(const QByteArray &bytes, qsizetype limit)
{
    QString out;
    const qsizetype n = qMin(bytes.size(), limit);
    out.reserve(n / 16 * 78 + 80);
    for (qsizetype offset = 0; offset < n; offset += 16) {
        out += u"%1  "_s.arg(qlonglong(offset), 8, 16, QChar(u'0'));
        QString ascii;
        for (qsizetype i = 0; i < 16; ++i) {
            if (offset + i < n) {
                const auto byte = uchar(bytes[offset + i]);
                out += u"%1 "_s.arg(uint(byte), 2, 16, QChar(u'0'));
                ascii += (byte >= 0x20 && byte < 0x7f) ? QChar(char16_t(byte)) : QChar(u'.');
            } else {
                out += u"   "_s;
            }
            if (i == 7)
                out += u' ';
        }
        out += u' ' + ascii + u'\n';
    }
    return out;
}

EditorTab::EditorTab(OrkestrSession::RemoteFiles *files, const QString &path, const QByteArray &bytes,
                     QWidget *parent)
    : QWidget(parent)
    , m_files(files)
    , m_path(path)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setObjectName(u"editorMessage"_s);
    m_message->hide();

    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    const QImage image
        = looksBinary(bytes) || QFileInfo(path).suffix() == u"svg"_s ? reader.read() : QImage();
    if (!image.isNull()) {
        m_kind = Kind::Image;
        auto *label = new QLabel(this);
        label->setPixmap(QPixmap::fromImage(image));
        label->setAlignment(Qt::AlignCenter);
        auto *scroll = new QScrollArea(this);
        scroll->setWidget(label);
        scroll->setAlignment(Qt::AlignCenter);
        layout->addWidget(new QLabel(tr("%1 × %2 pixels").arg(image.width()).arg(image.height()), this));
        layout->addWidget(scroll);
        return;
    }
    if (looksBinary(bytes)) {
        // A hex dump of hundreds of megabytes would not be readable anyway.
        constexpr qsizetype HexLimit = 4 * 1024 * 1024;
        m_kind = Kind::Hex;
        auto *view = new QPlainTextEdit(this);
        view->setReadOnly(true);
        view->setObjectName(u"hexView"_s);
        view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        view->setLineWrapMode(QPlainTextEdit::NoWrap);
        view->setPlainText(hexDump(bytes, HexLimit));
        layout->addWidget(new QLabel(
            bytes.size() > HexLimit
                ? tr("Binary file, read-only; the first %1 of %2 are shown.")
                      .arg(QLocale().formattedDataSize(HexLimit), QLocale().formattedDataSize(bytes.size()))
                : tr("Binary file, read-only."),
            this));
        layout->addWidget(view);
        return;
    }

    m_kind = Kind::Text;
    auto *toolbar = new QToolBar(this);
    m_editor = new CodeEditor(QFileInfo(path).fileName(), QString::fromUtf8(bytes), this);

    auto *saveAction = toolbar->addAction(tr("Save"), this, &EditorTab::save);
    saveAction->setShortcut(QKeySequence::Save);
    saveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_writeActions.append(saveAction);
    auto *findAction = toolbar->addAction(tr("Find/Replace"), this, [this] {
        m_findBar->show();
        m_find->setFocus();
        m_find->selectAll();
    });
    findAction->setShortcut(QKeySequence::Find);
    findAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    auto *goAction = toolbar->addAction(tr("Go to Line…"), this, [this] {
        bool ok = false;
        const int line = QInputDialog::getInt(this, tr("Go to Line"), tr("Line:"),
                                              m_editor->textCursor().blockNumber() + 1, 1,
                                              m_editor->blockCount(), 1, &ok);
        if (ok)
            m_editor->goToLine(line);
    });
    goAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    goAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addActions({saveAction, findAction, goAction});

    m_syntaxButton = new QToolButton(toolbar);
    m_syntaxButton->setPopupMode(QToolButton::InstantPopup);
    m_syntaxButton->setObjectName(u"syntaxButton"_s);
    auto *menu = new QMenu(m_syntaxButton);
    m_syntaxButton->setMenu(menu);
    connect(menu, &QMenu::aboutToShow, this, [this, menu] {
        if (menu->isEmpty())
            buildSyntaxMenu(menu);
    });
    const auto definition = m_editor->definition();
    m_syntaxButton->setText(definition.isValid() ? definition.translatedName() : tr("Plain Text"));
    toolbar->addWidget(m_syntaxButton);

    m_findBar = new QWidget(this);
    auto *findLayout = new QHBoxLayout(m_findBar);
    findLayout->setContentsMargins(4, 0, 4, 0);
    m_find = new QLineEdit(m_findBar);
    m_find->setPlaceholderText(tr("Find"));
    m_replace = new QLineEdit(m_findBar);
    m_replace->setPlaceholderText(tr("Replace with"));
    auto *next = new QToolButton(m_findBar);
    next->setText(tr("Next"));
    auto *replaceOne = new QToolButton(m_findBar);
    replaceOne->setText(tr("Replace"));
    auto *replaceAllButton = new QToolButton(m_findBar);
    replaceAllButton->setText(tr("Replace All"));
    auto *close = new QToolButton(m_findBar);
    close->setText(tr("Close"));
    for (QWidget *w : {static_cast<QWidget *>(m_find), static_cast<QWidget *>(next),
                       static_cast<QWidget *>(m_replace), static_cast<QWidget *>(replaceOne),
                       static_cast<QWidget *>(replaceAllButton), static_cast<QWidget *>(close)})
        findLayout->addWidget(w);
    m_findBar->hide();
    connect(m_find, &QLineEdit::returnPressed, this, [this] {
        if (!findNext(m_find->text()))
            showMessage(tr("“%1” was not found.").arg(m_find->text()), false);
    });
    connect(next, &QToolButton::clicked, m_find, &QLineEdit::returnPressed);
    connect(replaceOne, &QToolButton::clicked, this,
            [this] { replaceNext(m_find->text(), m_replace->text()); });
    connect(replaceAllButton, &QToolButton::clicked, this, [this] {
        showMessage(tr("%n replacement(s).", nullptr, replaceAll(m_find->text(), m_replace->text())), false);
    });
    connect(close, &QToolButton::clicked, m_findBar, &QWidget::hide);

    connect(m_editor->document(), &QTextDocument::modificationChanged, this, &EditorTab::titleChanged);
    layout->addWidget(toolbar);
    layout->addWidget(m_message);
    layout->addWidget(m_findBar);
    layout->addWidget(m_editor);
    m_replace->setObjectName(u"replaceField"_s);
    replaceOne->setObjectName(u"replaceButton"_s);
    replaceAllButton->setObjectName(u"replaceAllButton"_s);
}

void EditorTab::buildSyntaxMenu(QMenu *menu)
{
    // Sections as submenus, like Kate's "Mode" menu.
    auto *group = new QActionGroup(menu);
    const auto current = m_editor->definition();
    auto *plain = menu->addAction(tr("Plain Text"));
    plain->setCheckable(true);
    plain->setChecked(!current.isValid());
    group->addAction(plain);
    connect(plain, &QAction::triggered, this, [this] {
        m_editor->setDefinition({});
        m_syntaxButton->setText(tr("Plain Text"));
    });
    QHash<QString, QMenu *> sections;
    for (const auto &definition : CodeEditor::repository().definitions()) {
        if (definition.isHidden())
            continue;
        QMenu *&section = sections[definition.translatedSection()];
        if (!section)
            section = menu->addMenu(definition.translatedSection());
        auto *action = section->addAction(definition.translatedName());
        action->setCheckable(true);
        action->setChecked(definition.name() == current.name());
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, definition] {
            m_editor->setDefinition(definition);
            m_syntaxButton->setText(definition.translatedName());
        });
    }
}

QString EditorTab::title() const
{
    const QString name = QFileInfo(m_path).fileName();
    return isModified() ? tr("%1 *").arg(name) : name;
}

bool EditorTab::isModified() const
{
    return m_editor && m_editor->document()->isModified();
}

QString EditorTab::text() const
{
    return m_editor ? m_editor->toPlainText() : QString();
}

QString EditorTab::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void EditorTab::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    if (!m_editor)
        return;
    m_editor->setReadOnly(readOnly);
    for (QAction *action : std::as_const(m_writeActions)) {
        if (action)
            action->setEnabled(!readOnly);
    }
    if (m_replace)
        m_replace->setEnabled(!readOnly);
    for (auto *button : findChildren<QToolButton *>()) {
        if (button->objectName() == u"replaceButton"_s || button->objectName() == u"replaceAllButton"_s)
            button->setEnabled(!readOnly);
    }
}

void EditorTab::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? u"color: palette(bright-text); background: #b3261e; padding: 4px;"_s
                                   : QString());
    m_message->setVisible(!text.isEmpty());
}

void EditorTab::save()
{
    if (!m_editor || m_readOnly || m_saveJob)
        return;
    // What is saved is this version of the text; edits made while saving stay modified.
    const QString text = m_editor->toPlainText();
    showMessage(tr("Saving…"), false);
    m_saveJob = m_files->writeText(m_path, text, this, [this, text](Orkestr::WriteFileJob *job) {
        m_saveJob = nullptr;
        if (job->error().isError() || job->status() != Orkestr::Job::Status::Succeeded) {
            m_saveError = job->error().isError() ? job->error() : Orkestr::ApiError::cancelled();
            // The edit stays (and stays marked modified) so that nothing is lost.
            showMessage(tr("Could not save %1: %2").arg(m_path, m_saveError.displayText()), true);
            Q_EMIT saveFailed(m_saveError);
            return;
        }
        m_saveError = {};
        if (m_editor->toPlainText() == text)
            m_editor->document()->setModified(false);
        showMessage({}, false);
        Q_EMIT titleChanged();
        Q_EMIT saved();
    });
}

bool EditorTab::findNext(const QString &text)
{
    if (!m_editor || text.isEmpty())
        return false;
    if (m_editor->find(text))
        return true;
    // Wrap around to the start.
    QTextCursor cursor = m_editor->textCursor();
    cursor.movePosition(QTextCursor::Start);
    m_editor->setTextCursor(cursor);
    return m_editor->find(text);
}

bool EditorTab::replaceNext(const QString &text, const QString &replacement)
{
    if (!m_editor || m_readOnly || text.isEmpty())
        return false;
    QTextCursor cursor = m_editor->textCursor();
    if (cursor.hasSelection() && cursor.selectedText() == text)
        cursor.insertText(replacement);
    return findNext(text);
}

int EditorTab::replaceAll(const QString &text, const QString &replacement)
{
    if (!m_editor || m_readOnly || text.isEmpty())
        return 0;
    int count = 0;
    QTextCursor cursor(m_editor->document());
    cursor.beginEditBlock(); // one undo step
    QTextCursor found = m_editor->document()->find(text, 0, QTextDocument::FindCaseSensitively);
    while (!found.isNull()) {
        found.insertText(replacement);
        ++count;
        found = m_editor->document()->find(text, found.position(), QTextDocument::FindCaseSensitively);
    }
    cursor.endEditBlock();
    return count;
}

} // namespace OrkestrUi

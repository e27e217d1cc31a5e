#include "ui/terminal/terminalwidget.h"

#include "ui/terminal/commandhistory.h"
#include "ui/terminal/promptedit.h"
#include "ui/terminal/ptywriter.h"
#include "ui/terminal/screentext.h"
#include "ui/terminal/widgetaction.h"

#include <qtermwidget.h>

#include <QAction>
#include <QBoxLayout>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFontDialog>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSpinBox>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace OrkestrUi {

namespace {

// The terminal's look and limits, kept across runs for every tab (settings group "terminal").
constexpr auto SettingsGroup = "terminal";

QVariant savedSetting(const char *key, const QVariant &fallback)
{
    QSettings settings;
    settings.beginGroup(QLatin1StringView(SettingsGroup));
    return settings.value(QLatin1StringView(key), fallback);
}

void saveSetting(const char *key, const QVariant &value)
{
    QSettings settings;
    settings.beginGroup(QLatin1StringView(SettingsGroup));
    settings.setValue(QLatin1StringView(key), value);
}

QString durationText(qint64 ms)
{
    if (ms < 1000)
        return TerminalWidget::tr("%1 ms").arg(ms);
    return TerminalWidget::tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 2);
}

QString signalName(int signal)
{
    switch (signal) {
    case 2:
        return u"SIGINT"_s;
    case 6:
        return u"SIGABRT"_s;
    case 9:
        return u"SIGKILL"_s;
    case 11:
        return u"SIGSEGV"_s;
    case 15:
        return u"SIGTERM"_s;
    default:
        return {};
    }
}

} // namespace

TerminalWidget::TerminalWidget(Orkestr::Client *client, const QString &sandboxId, CommandHistory *history,
                               QWidget *parent)
    : QWidget(parent)
    , m_session(new TerminalSession(client, sandboxId, this))
    , m_history(history)
{
    setObjectName(u"terminalWidget"_s);
    if (!m_history)
        m_history = new CommandHistory(CommandHistory::defaultFilePath(sandboxId), this);

    // 0: no local shell; the sandbox's output is fed in through the pty below.
    m_terminal = new QTermWidget(0, this);
    m_terminal->setObjectName(u"terminalView"_s);
    m_terminal->setScrollBarPosition(QTermWidget::ScrollBarRight);
    m_terminal->setTerminalFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_terminal->setHistorySize(10000);
    m_terminal->setFlowControlEnabled(false);
    m_terminal->startTerminalTeletype();
    m_writer = new PtyWriter(m_terminal->getPtySlaveFd(), this);
    // Output waits in the writer while the emulation draws; past a few MiB, the stream is paused
    // until the emulation has caught up, so memory stays bounded whatever the command prints.
    connect(m_writer, &PtyWriter::drained, this, [this] { m_session->setOutputPaused(false); });
    applyPaletteScheme();
    // The view has no shell to type into: keys go to the prompt instead.
    connect(m_terminal, &QTermWidget::termKeyPressed, this, [this](QKeyEvent *event) {
        const bool shortcut
            = (event->modifiers() & Qt::ControlModifier) && (event->modifiers() & Qt::ShiftModifier);
        if (shortcut || !m_prompt->isEnabled())
            return;
        m_prompt->setFocus();
        QKeyEvent copy(event->type(), event->key(), event->modifiers(), event->text(), event->isAutoRepeat());
        QCoreApplication::sendEvent(m_prompt, &copy);
    });

    m_banner = new QWidget(this);
    m_banner->setObjectName(u"terminalBanner"_s);
    m_bannerLabel = new QLabel(m_banner);
    m_bannerLabel->setWordWrap(true);
    m_resumeButton = new QPushButton(tr("Resume"), m_banner);
    m_resumeButton->setObjectName(u"terminalResume"_s);
    connect(m_resumeButton, &QPushButton::clicked, this,
            [this] { Q_EMIT resumeRequested(m_session->sandboxId()); });
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(6, 4, 6, 4);
    bannerLayout->addWidget(m_bannerLabel, 1);
    bannerLayout->addWidget(m_resumeButton);
    m_banner->setAutoFillBackground(true);
    m_banner->hide();

    m_prompt = new PromptEdit(this);
    m_prompt->setHistory(m_history);
    m_promptLabel = new QLabel(this);
    m_promptLabel->setObjectName(u"terminalPromptLabel"_s);
    m_promptLabel->setTextFormat(Qt::PlainText);
    m_promptLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_searchLabel = new QLabel(this);
    m_searchLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_searchLabel->hide();
    m_timeout = new QSpinBox(this);
    m_timeout->setObjectName(u"terminalTimeout"_s);
    m_timeout->setAccessibleName(tr("Command timeout"));
    m_timeout->setRange(1, 24 * 3600);
    m_timeout->setPrefix(tr("Timeout "));
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setToolTip(tr("Commands in this tab are stopped by the sandbox after this long"));
    m_timeout->setValue(m_session->timeoutSeconds());
    connect(m_timeout, &QSpinBox::valueChanged, this, [this](int seconds) {
        m_session->setTimeoutSeconds(seconds);
        saveSetting("timeoutSeconds", seconds); // the default of the next tab
    });

    auto addAction = [this](const QString &text, const QKeySequence &keys, auto slot) {
        return addWidgetAction(this, text, keys, slot);
    };
    auto *menu = new QMenu(this);
    menu->addAction(addAction(tr("Copy"), QKeySequence(u"Ctrl+Shift+C"_s), [this] {
        if (m_prompt->textCursor().hasSelection())
            m_prompt->copy();
        else
            m_terminal->copyClipboard();
    }));
    menu->addAction(addAction(tr("Paste"), QKeySequence(u"Ctrl+Shift+V"_s), [this] {
        m_prompt->setFocus();
        m_prompt->paste();
    }));
    menu->addAction(addAction(tr("Find in Scrollback"), QKeySequence(u"Ctrl+Shift+F"_s),
                              [this] { m_terminal->toggleShowSearchBar(); }));
    menu->addAction(addAction(tr("Clear"), QKeySequence(u"Ctrl+Shift+L"_s), [this] { m_terminal->clear(); }));
    menu->addSeparator();
    menu->addAction(addAction(tr("Save Transcript…"), QKeySequence(u"Ctrl+Shift+S"_s),
                              [this] { saveTranscriptInteractively(); }));
    menu->addAction(addAction(tr("Scrollback Limit…"), QKeySequence(), [this] {
        auto *dialog = new QInputDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setWindowTitle(tr("Scrollback Limit"));
        dialog->setLabelText(tr("Lines kept in the scrollback:"));
        dialog->setInputMode(QInputDialog::IntInput);
        dialog->setIntRange(100, 1000000);
        dialog->setIntValue(scrollbackLines());
        connect(dialog, &QInputDialog::intValueSelected, this, &TerminalWidget::setScrollbackLines);
        dialog->open();
    }));
    menu->addAction(addAction(tr("Font…"), QKeySequence(), [this] {
        auto *dialog = new QFontDialog(m_terminal->getTerminalFont(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setOption(QFontDialog::MonospacedFonts);
        connect(dialog, &QFontDialog::fontSelected, this, &TerminalWidget::setTerminalFont);
        dialog->open();
    }));
    auto *schemes = menu->addMenu(tr("Colour Scheme"));
    schemes->addAction(tr("Follow the System"), this, [this] { setColorScheme(QString()); });
    for (const QString &name : QTermWidget::availableColorSchemes())
        schemes->addAction(name, this, [this, name] { setColorScheme(name); });
    auto *stderrStyles = menu->addMenu(tr("Standard Error Style"));
    const std::pair<QString, QByteArray> styles[] = {
        {tr("Dimmed Red"), "2;31"}, {tr("Red"), "31"},   {tr("Bold Red"), "1;31"},
        {tr("Yellow"), "33"},       {tr("Italic"), "3"}, {tr("Like Standard Output"), QByteArray()},
    };
    for (const auto &[label, sgr] : styles)
        stderrStyles->addAction(label, this, [this, sgr] { setStderrStyle(sgr); });
    m_menuButton = new QToolButton(this);
    m_menuButton->setText(tr("Terminal"));
    m_menuButton->setToolTip(tr("Terminal actions"));
    m_menuButton->setPopupMode(QToolButton::InstantPopup);
    m_menuButton->setMenu(menu);

    auto *promptRow = new QHBoxLayout;
    promptRow->addWidget(m_searchLabel);
    promptRow->addWidget(m_promptLabel);
    promptRow->addWidget(m_prompt, 1);
    promptRow->addWidget(m_timeout);
    promptRow->addWidget(m_menuButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_banner);
    layout->addWidget(m_terminal, 1);
    layout->addLayout(promptRow);
    setFocusProxy(m_prompt);

    connect(m_prompt, &PromptEdit::submitted, this, &TerminalWidget::runCommand);
    connect(m_prompt, &PromptEdit::interruptRequested, this, &TerminalWidget::interrupt);
    connect(m_prompt, &PromptEdit::searchStatusChanged, this, [this](const QString &status) {
        m_searchLabel->setText(status);
        m_searchLabel->setVisible(!status.isEmpty());
        m_promptLabel->setVisible(status.isEmpty());
    });
    connect(m_session, &TerminalSession::output, this, &TerminalWidget::onOutput);
    connect(m_session, &TerminalSession::finished, this, &TerminalWidget::onFinished);
    connect(m_session, &TerminalSession::workingDirectoryChanged, this, &TerminalWidget::updatePromptLabel);
    connect(m_session, &TerminalSession::sandboxNotReady, this,
            [this](const QString &status) { setSandboxStatus(Orkestr::Sandbox::statusFromString(status)); });
    updatePromptLabel();
    loadSettings();
}

void TerminalWidget::loadSettings()
{
    m_loadingSettings = true;
    setScrollbackLines(savedSetting("scrollbackLines", 10000).toInt());
    QFont font;
    if (const auto saved = savedSetting("font", QString()).toString();
        !saved.isEmpty() && font.fromString(saved))
        setTerminalFont(font);
    setColorScheme(savedSetting("colorScheme", QString()).toString());
    setStderrStyle(savedSetting("stderrStyle", QByteArray("2;31")).toByteArray());
    setTimeoutSeconds(savedSetting("timeoutSeconds", TerminalSession::DefaultTimeoutSeconds).toInt());
    m_loadingSettings = false;
}

TerminalWidget::~TerminalWidget()
{
    // The writer watches the pty's fd, which dies with the QTermWidget: stop watching first.
    delete m_writer;
    m_writer = nullptr;
}

QString TerminalWidget::sandboxId() const
{
    return m_session->sandboxId();
}

void TerminalWidget::write(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    m_writer->write(bytes);
    m_atLineStart = bytes.endsWith('\n');
    throttle();
}

void TerminalWidget::throttle()
{
    constexpr qint64 HighWaterBytes = 4 * 1024 * 1024;
    if (m_writer->pendingBytes() > HighWaterBytes)
        m_session->setOutputPaused(true);
}

void TerminalWidget::writeLine(const QString &text, const QByteArray &sgr)
{
    QByteArray bytes;
    if (!m_atLineStart)
        bytes += '\n';
    if (!sgr.isEmpty())
        bytes += "\x1b[" + sgr + 'm';
    bytes += text.toUtf8();
    if (!sgr.isEmpty())
        bytes += "\x1b[0m";
    bytes += '\n';
    write(bytes);
}

void TerminalWidget::runCommand(const QString &command)
{
    if (m_session->isRunning())
        return;
    QString shown = command;
    shown.replace(u'\n', u"\n> "_s);
    QByteArray line;
    if (!m_atLineStart)
        line += '\n';
    line += "\x1b[1;34m" + m_session->workingDirectory().toUtf8() + "\x1b[0m$ " + shown.toUtf8() + '\n';
    write(line);
    if (command.trimmed().isEmpty())
        return;
    m_history->add(command);
    m_session->run(command);
    m_promptLabel->setEnabled(false);
    Q_EMIT busyChanged(true);
}

void TerminalWidget::interrupt()
{
    if (m_session->isRunning())
        m_session->detach();
    else
        m_prompt->clear();
}

void TerminalWidget::onOutput(const QString &text, TerminalSession::Stream stream)
{
    if (stream == TerminalSession::Stream::Stderr && !m_stderrSgr.isEmpty()) {
        // Reset after the chunk so that stdout that follows is not coloured by it.
        QByteArray bytes = "\x1b[" + m_stderrSgr + 'm' + text.toUtf8() + "\x1b[0m";
        m_writer->write(bytes);
        m_atLineStart = text.endsWith(u'\n');
        throttle();
        return;
    }
    write(text.toUtf8());
}

void TerminalWidget::onFinished(const CommandResult &result)
{
    using Outcome = CommandResult::Outcome;
    switch (result.outcome) {
    case Outcome::Exited:
        if (result.exitCode == 0)
            writeLine(tr("✓ exit 0 · %1").arg(durationText(result.durationMs)), "32");
        else
            writeLine(tr("✗ exit %1 · %2").arg(result.exitCode).arg(durationText(result.durationMs)), "1;31");
        break;
    case Outcome::TimedOut:
        writeLine(tr("✗ timed out after %1: the sandbox stopped the command (this tab's timeout is %2 s)")
                      .arg(durationText(result.durationMs))
                      .arg(m_session->timeoutSeconds()),
                  "1;31");
        break;
    case Outcome::Killed: {
        const QString name = signalName(result.signal);
        writeLine(
            name.isEmpty()
                ? tr("✗ killed by signal %1 · %2").arg(result.signal).arg(durationText(result.durationMs))
                : tr("✗ killed by signal %1 (%2) · %3")
                      .arg(result.signal)
                      .arg(name, durationText(result.durationMs)),
            "1;31");
        break;
    }
    case Outcome::NotReady:
        writeLine(tr("✗ the sandbox is %1, so the command did not run").arg(result.sandboxStatus), "1;33");
        break;
    case Outcome::ConnectionLost:
        writeLine(
            tr("✗ connection lost (%1); the command may still be running in the sandbox").arg(result.message),
            "1;33");
        break;
    case Outcome::Detached:
        writeLine(
            tr("^C stopped reading after %1. The command keeps running in the sandbox until its timeout "
               "(%2 s): the API cannot stop it.")
                .arg(durationText(result.durationMs))
                .arg(m_session->timeoutSeconds()),
            "1;33");
        break;
    case Outcome::Failed:
        writeLine(tr("✗ error: %1").arg(result.message), "1;31");
        break;
    }
    m_promptLabel->setEnabled(true);
    Q_EMIT busyChanged(false);
}

void TerminalWidget::updatePromptLabel()
{
    m_promptLabel->setText(m_session->workingDirectory() + u" $"_s);
}

QString TerminalWidget::screenText() const
{
    return screenLines(m_terminal).join(u'\n') + u'\n';
}

bool TerminalWidget::saveTranscript(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(screenText().toUtf8());
    return file.commit();
}

void TerminalWidget::saveTranscriptInteractively()
{
    auto *dialog = new QFileDialog(this, tr("Save Transcript"), QString(), tr("Text files (*.txt)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"txt"_s);
    dialog->selectFile(tr("terminal-%1.txt").arg(sandboxId()));
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        if (!saveTranscript(path))
            writeLine(tr("✗ could not save the transcript to %1").arg(path), "1;31");
    });
    dialog->open();
}

void TerminalWidget::setScrollbackLines(int lines)
{
    m_terminal->setHistorySize(lines);
    if (!m_loadingSettings)
        saveSetting("scrollbackLines", lines);
}

void TerminalWidget::setStderrStyle(const QByteArray &sgr)
{
    m_stderrSgr = sgr;
    if (!m_loadingSettings)
        saveSetting("stderrStyle", sgr);
}

int TerminalWidget::scrollbackLines() const
{
    return m_terminal->historySize();
}

void TerminalWidget::setTimeoutSeconds(int seconds)
{
    m_timeout->setValue(seconds);
    m_session->setTimeoutSeconds(seconds);
}

int TerminalWidget::timeoutSeconds() const
{
    return m_session->timeoutSeconds();
}

void TerminalWidget::setTerminalFont(const QFont &font)
{
    m_terminal->setTerminalFont(font);
    if (!m_loadingSettings)
        saveSetting("font", font.toString());
}

void TerminalWidget::setColorScheme(const QString &name)
{
    m_colorScheme = name;
    if (!m_loadingSettings)
        saveSetting("colorScheme", name);
    if (name.isEmpty())
        applyPaletteScheme();
    else
        m_terminal->setColorScheme(name);
}

void TerminalWidget::applyPaletteScheme()
{
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    m_terminal->setColorScheme(dark ? u"WhiteOnBlack"_s : u"BlackOnWhite"_s);
}

bool TerminalWidget::event(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange && m_colorScheme.isEmpty())
        applyPaletteScheme();
    return QWidget::event(event);
}

void TerminalWidget::showBanner(const QString &text, bool offerResume)
{
    m_bannerLabel->setText(text);
    m_resumeButton->setVisible(offerResume);
    m_banner->setVisible(!text.isEmpty());
}

void TerminalWidget::setSandboxStatus(Orkestr::Sandbox::Status status)
{
    using Status = Orkestr::Sandbox::Status;
    switch (status) {
    case Status::Running:
    case Status::Unknown:
        showBanner(QString(), false);
        break;
    case Status::Paused:
        showBanner(tr("This sandbox is paused. Resume it to run commands."), true);
        break;
    case Status::Terminated:
    case Status::Failed:
        showBanner(tr("This sandbox is %1; commands can no longer run in it.")
                       .arg(Orkestr::Sandbox::statusToString(status)),
                   false);
        break;
    case Status::Starting:
    case Status::Pausing:
    case Status::Resuming:
        showBanner(tr("The sandbox is %1…").arg(Orkestr::Sandbox::statusToString(status)), false);
        break;
    }
}

} // namespace OrkestrUi

#include "ui/terminal/shellwidget.h"

#include "core/ptysession.h"
#include "session/shellsession.h"
#include "ui/terminal/ptywriter.h"
#include "ui/terminal/screentext.h"
#include "ui/terminal/widgetaction.h"

#include <qtermwidget.h>

#include <QAction>
#include <QBoxLayout>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSettings>

using namespace Qt::StringLiterals;
using OrkestrSession::ShellSession;

namespace OrkestrUi {

namespace {
// The pty follows the view's size once it has settled (a dragged splitter sends many resizes).
constexpr int ResizeSettleMs = 40;

// Control keys that a shell needs (Ctrl+C, Ctrl+W, Ctrl+R, Ctrl+D, ...) win over the window's
// shortcuts while the terminal has the focus; Ctrl+Shift and Alt combinations stay the window's.
bool isShellControlKey(const QKeyEvent *event)
{
    if (event->modifiers() != Qt::ControlModifier)
        return false;
    const int key = event->key();
    return (key >= Qt::Key_A && key <= Qt::Key_Z) || key == Qt::Key_BracketLeft || key == Qt::Key_Backslash
        || key == Qt::Key_BracketRight || key == Qt::Key_Space || key == Qt::Key_At
        || key == Qt::Key_AsciiCircum || key == Qt::Key_Underscore;
}
} // namespace

ShellWidget::ShellWidget(Orkestr::Client *client, const QString &sandboxId, QWidget *parent)
    : QWidget(parent)
    , m_session(new ShellSession(client, sandboxId, this))
{
    setObjectName(u"shellWidget"_s);
    // 0: no local program; the sandbox's pty is the other end.
    m_terminal = new QTermWidget(0, this);
    m_terminal->setObjectName(u"shellView"_s);
    m_terminal->setScrollBarPosition(QTermWidget::ScrollBarRight);
    m_terminal->setFlowControlEnabled(false);
    QSettings settings;
    settings.beginGroup(u"terminal"_s);
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (const auto saved = settings.value(u"font"_s).toString(); !saved.isEmpty())
        font.fromString(saved);
    m_terminal->setTerminalFont(font);
    m_terminal->setHistorySize(settings.value(u"scrollbackLines"_s, 10000).toInt());
    if (const auto scheme = settings.value(u"colorScheme"_s).toString(); !scheme.isEmpty()) {
        m_followsPalette = false;
        m_terminal->setColorScheme(scheme);
    }
    m_terminal->startTerminalTeletype();
    m_writer = new PtyWriter(m_terminal->getPtySlaveFd(), PtyWriter::Newlines::AsIs, this);
    applyPaletteScheme();

    connect(m_terminal, &QTermWidget::sendData, this,
            [this](const char *bytes, int size) { m_session->type(QByteArray(bytes, size)); });
    connect(m_session, &ShellSession::output, m_writer, &PtyWriter::write);
    connect(m_session, &ShellSession::exited, this, &ShellWidget::onExited);
    connect(m_session, &ShellSession::failed, this, &ShellWidget::onFailed);
    connect(m_session, &ShellSession::unsupported, this, &ShellWidget::unsupported);
    connect(m_session, &ShellSession::stateChanged, this, [this](ShellSession::State state) {
        if (state == ShellSession::State::Running)
            setSandboxStatus(m_status); // clears an earlier failure's banner
        Q_EMIT busyChanged(isBusy());
    });
    m_sizeTimer.setSingleShot(true);
    m_sizeTimer.setInterval(ResizeSettleMs);
    connect(&m_sizeTimer, &QTimer::timeout, this, &ShellWidget::sendSize);
    m_terminal->installEventFilter(this);
    if (QWidget *display = m_terminal->focusProxy())
        display->installEventFilter(this);

    m_banner = new QWidget(this);
    m_banner->setObjectName(u"shellBanner"_s);
    m_banner->setAutoFillBackground(true);
    m_bannerLabel = new QLabel(m_banner);
    m_bannerLabel->setWordWrap(true);
    m_bannerButton = new QPushButton(m_banner);
    m_bannerButton->setObjectName(u"shellBannerButton"_s);
    connect(m_bannerButton, &QPushButton::clicked, this, [this] {
        if (m_status == Orkestr::Sandbox::Status::Paused)
            Q_EMIT resumeRequested(m_session->sandboxId());
        else
            restart();
    });
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(6, 4, 6, 4);
    bannerLayout->addWidget(m_bannerLabel, 1);
    bannerLayout->addWidget(m_bannerButton);
    m_banner->hide();

    auto addAction = [this](const QString &text, const QKeySequence &keys, auto slot) {
        return addWidgetAction(this, text, keys, slot);
    };
    addAction(tr("Copy"), QKeySequence(u"Ctrl+Shift+C"_s), [this] { m_terminal->copyClipboard(); });
    addAction(tr("Paste"), QKeySequence(u"Ctrl+Shift+V"_s), [this] { m_terminal->pasteClipboard(); });
    addAction(tr("Find in Scrollback"), QKeySequence(u"Ctrl+Shift+F"_s),
              [this] { m_terminal->toggleShowSearchBar(); });
    addAction(tr("Restart Shell"), QKeySequence(), [this] { restart(); });
    setContextMenuPolicy(Qt::ActionsContextMenu);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_banner);
    layout->addWidget(m_terminal, 1);
    setFocusProxy(m_terminal);
}

ShellWidget::~ShellWidget()
{
    // The writer watches the pty's fd, which dies with the QTermWidget: stop watching first.
    delete m_writer;
    m_writer = nullptr;
}

QString ShellWidget::sandboxId() const
{
    return m_session->sandboxId();
}

bool ShellWidget::isBusy() const
{
    return m_session->isActive();
}

void ShellWidget::startWhenReady()
{
    if (m_started || !isVisible() || !isEnabled())
        return;
    m_started = true;
    m_session->start(m_terminal->screenColumnsCount(), m_terminal->screenLinesCount());
}

void ShellWidget::restart()
{
    if (m_session->isActive())
        return;
    m_banner->hide();
    m_started = false;
    startWhenReady();
}

void ShellWidget::sendSize()
{
    m_session->resizeTo(m_terminal->screenColumnsCount(), m_terminal->screenLinesCount());
}

void ShellWidget::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    startWhenReady();
}

void ShellWidget::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() != QEvent::EnabledChange)
        return;
    if (isEnabled()) {
        startWhenReady();
    } else if (m_started) {
        // Read-only now: no shell may stay open.
        m_started = false;
        m_session->stop();
    }
}

bool ShellWidget::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_terminal && event->type() == QEvent::Resize)
        m_sizeTimer.start();
    if (event->type() == QEvent::ShortcutOverride && isShellControlKey(static_cast<QKeyEvent *>(event)))
        event->accept();
    return QWidget::eventFilter(watched, event);
}

void ShellWidget::writeNotice(const QString &text, const QByteArray &sgr)
{
    m_writer->write("\r\n\x1b[" + sgr + 'm' + text.toUtf8() + "\x1b[0m\r\n");
}

void ShellWidget::onExited(const Orkestr::PtyExit &exit)
{
    const QString summary = ShellSession::exitSummary(exit);
    const bool clean = !exit.signal && exit.exitCode == 0;
    writeNotice(tr("[shell ended: %1]").arg(summary), clean ? "32" : "1;33");
    showBanner(tr("The shell ended (%1).").arg(summary), tr("Restart"));
}

void ShellWidget::onFailed(const Orkestr::ApiError &error)
{
    if (error.isUnsupportedEndpoint())
        return; // the tabs offer the Commands terminal instead
    if (error.kind() == Orkestr::ApiError::Kind::SandboxNotReady) {
        setSandboxStatus(Orkestr::Sandbox::statusFromString(error.sandboxStatus()));
        return; // starts again once the sandbox runs
    }
    writeNotice(tr("[shell: %1]").arg(error.displayText()), "1;31");
    showBanner(tr("The shell is not connected: %1").arg(error.displayText()), tr("Reconnect"));
}

void ShellWidget::showBanner(const QString &text, const QString &action)
{
    m_bannerLabel->setText(text);
    m_bannerButton->setText(action);
    m_bannerButton->setVisible(!action.isEmpty());
    m_banner->setVisible(!text.isEmpty());
}

void ShellWidget::setSandboxStatus(Orkestr::Sandbox::Status status)
{
    using Status = Orkestr::Sandbox::Status;
    m_status = status;
    m_session->setSandboxStatus(status);
    switch (status) {
    case Status::Running:
    case Status::Unknown:
        if (m_session->state() != ShellSession::State::Exited
            && m_session->state() != ShellSession::State::Failed)
            showBanner(QString(), QString());
        break;
    case Status::Paused:
        showBanner(tr("This sandbox is paused: the shell is frozen until it resumes."), tr("Resume"));
        break;
    case Status::Terminated:
    case Status::Failed:
        showBanner(
            tr("This sandbox is %1; its shell has ended.").arg(Orkestr::Sandbox::statusToString(status)),
            QString());
        break;
    case Status::Starting:
    case Status::Pausing:
    case Status::Resuming:
        showBanner(tr("The sandbox is %1…").arg(Orkestr::Sandbox::statusToString(status)), QString());
        break;
    }
}

QString ShellWidget::screenText() const
{
    return screenLines(m_terminal).join(u'\n');
}

void ShellWidget::applyPaletteScheme()
{
    if (!m_followsPalette)
        return;
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    m_terminal->setColorScheme(dark ? u"WhiteOnBlack"_s : u"BlackOnWhite"_s);
}

bool ShellWidget::event(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyPaletteScheme();
    return QWidget::event(event);
}

} // namespace OrkestrUi

// orkestr-desk: the Orkestr Desk dashboard.
//
// With no options it starts its embedded orkestr-local and connects to it; with --server it
// connects to another server with the token from ORKESTR_API_KEY.

#include "app/screenshotscenes.h"
#include "core/client.h"
#include "ui/i18n/language.h"
#include "ui/mainwindow.h"
#include "ui/profiles/connectionmanager.h"
#include "ui/profiles/profilestore.h"
#include "ui/profiles/tokenvault.h"
#include "ui/sandboxes/sandboxespage.h"
#include "session/sandboxpoller.h"
#include "ui/sandboxes/sandboxtreemodel.h"
#include "ui/theme/colorscheme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QPalette>
#include <QScreen>
#include <QSettings>
#include <QStyle>
#include <QStyleHints>
#include <QTimer>
#include <QTreeView>

#include <algorithm>
#include <cstdio>
#ifdef Q_OS_LINUX
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace {

// The language of View › Language, or else the system's UI languages (LANGUAGE, LC_ALL,
// LC_MESSAGES, LANG): Orkestr Desk's own texts from the embedded .qm files, and Qt's for the
// standard dialogs. Without a match the texts stay English.
void installTranslations(QApplication &app)
{
    const QString language = OrkestrUi::Language::setting(QSettings());
    OrkestrUi::Language::install(&app, OrkestrUi::Language::localeFor(language), u":/i18n"_s);
}

// For bench/bench_dashboard (--exit-after-first-list): a field of /proc/self/status in kB, or -1.
qint64 procStatusKb(QByteArrayView field)
{
    QFile file(u"/proc/self/status"_s);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const auto lines = file.readAll().split('\n');
    for (const auto &line : lines) {
        if (line.startsWith(field) && line.size() > field.size() && line[field.size()] == ':')
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// Milliseconds since the kernel started this process (/proc/self/stat field 22 against
// /proc/uptime; clock-tick resolution, usually 10 ms), or -1.
double msSinceExec()
{
#ifdef Q_OS_LINUX
    QFile stat(u"/proc/self/stat"_s), uptime(u"/proc/uptime"_s);
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    // The fields after the command name, which is in parentheses and may hold spaces.
    const auto fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    const double startTicks = fields.value(22 - 3).toDouble();
    const double upSeconds = uptime.readAll().split(' ').value(0).toDouble();
    return (upSeconds - startTicks / double(sysconf(_SC_CLK_TCK))) * 1000.0;
#else
    return -1;
#endif
}

// --exit-after-first-list: waits for the sandbox view's first paint once the model holds the
// expected number of sandboxes, prints the timings and the peak RSS on one line, and quits.
class FirstListProbe : public QObject
{
public:
    FirstListProbe(const QElapsedTimer &sinceMain, OrkestrUi::SandboxesPage *page, int expected)
        : QObject(page)
        , m_sinceMain(sinceMain)
        , m_page(page)
        , m_expected(expected)
    {
        page->view()->viewport()->installEventFilter(this);
        // Connected after the page's own connection, so this runs once the model has the list.
        connect(page->poller(), &OrkestrSession::SandboxPoller::sandboxesChanged, this,
                [this](const QList<Orkestr::Sandbox> &sandboxes) {
                    if (m_listMs < 0 && sandboxes.size() >= m_expected)
                        m_listMs = double(m_sinceMain.nsecsElapsed()) / 1e6;
                });
    }
    void setConnectedMs(double ms)
    {
        if (m_connectedMs < 0)
            m_connectedMs = ms;
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_firstRowsSeen && m_page->model()->sandboxCount() > 0) {
            // The first paint with any sandboxes (the first page of a long list): timed once it is over.
            m_firstRowsSeen = true;
            m_firstRowsCount = m_page->model()->sandboxCount();
            QMetaObject::invokeMethod(
                this, [this] { m_firstRowsMs = double(m_sinceMain.nsecsElapsed()) / 1e6; },
                Qt::QueuedConnection);
        }
        if (event->type() == QEvent::Paint && !m_done && m_page->model()->sandboxCount() >= m_expected) {
            m_done = true;
            // Queued: report once this paint (and the flush that follows it) is over.
            QMetaObject::invokeMethod(this, &FirstListProbe::report, Qt::QueuedConnection);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    void report()
    {
        const double mainMs = double(m_sinceMain.nsecsElapsed()) / 1e6;
        const auto *view = m_page->view();
        const bool rowsShown = view->indexAt(QPoint(2, 2)).isValid();
        std::printf("first-list-painted: since_main_ms=%.1f since_exec_ms=%.0f connected_ms=%.1f "
                    "first_rows_painted_ms=%.1f first_rows=%d "
                    "list_applied_ms=%.1f sandboxes=%d rows_shown=%d peak_rss_kb=%lld rss_kb=%lld\n",
                    mainMs, msSinceExec(), m_connectedMs, m_firstRowsMs, m_firstRowsCount, m_listMs,
                    m_page->model()->sandboxCount(), rowsShown ? 1 : 0, procStatusKb("VmHWM"),
                    procStatusKb("VmRSS"));
        std::fflush(stdout);
        QApplication::exit(rowsShown ? 0 : 3);
    }

    const QElapsedTimer &m_sinceMain;
    OrkestrUi::SandboxesPage *m_page;
    int m_expected;
    double m_connectedMs = -1;
    double m_listMs = -1;
    double m_firstRowsMs = -1;
    int m_firstRowsCount = 0;
    bool m_firstRowsSeen = false;
    bool m_done = false;
};

} // namespace

int main(int argc, char *argv[])
{
    // For --exit-after-first-list: the time since main() started.
    QElapsedTimer sinceMain;
    sinceMain.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"orkestr-desk"_s);
    QApplication::setApplicationDisplayName(u"Orkestr Desk"_s);
    QApplication::setOrganizationName(u"orkestr"_s);
    QApplication::setApplicationVersion(QStringLiteral(ORKESTR_VERSION));
    QApplication::setDesktopFileName(u"eu.orkestr.Desk"_s);
    installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Desktop dashboard for orkestr sandboxes."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption serverOption(
        u"server"_s,
        QApplication::translate("main",
                                "Connect to this server instead of the embedded "
                                "local one; the token comes from ORKESTR_API_KEY."),
        u"url"_s);
    QCommandLineOption insecureOption(u"allow-insecure-http"_s,
                                      QApplication::translate("main",
                                                              "Allow sending the token over plain http to a "
                                                              "host other than this machine."));
    QCommandLineOption planOption(
        u"local-plan"_s, QApplication::translate("main", "Plan of the embedded server: free, pro or team."),
        u"plan"_s, u"pro"_s);
    QCommandLineOption screenshotOption(u"screenshot"_s,
                                        QApplication::translate("main",
                                                                "Save a picture of the window once connected "
                                                                "(or failed), then quit."),
                                        u"file"_s);
    QCommandLineOption colorSchemeOption(
        u"color-scheme"_s, QApplication::translate("main", "light or dark; by default the desktop's."),
        u"scheme"_s);
    // Benchmark hook (bench/bench_dashboard): quit after the first paint of a list of at least
    // COUNT sandboxes, printing the time since start and the peak RSS.
    QCommandLineOption firstListOption(
        u"exit-after-first-list"_s,
        QApplication::translate("main",
                                "Benchmark: print the time to the first painted list of at least "
                                "this many sandboxes and the peak RSS, then quit."),
        u"count"_s);
    parser.addOptions(
        {serverOption, insecureOption, planOption, screenshotOption, colorSchemeOption, firstListOption});
    QCommandLineOption sceneOption(
        u"screenshot-scene"_s,
        QApplication::translate("main", "With --screenshot: set up this scene first (%1).")
            .arg(OrkestrDesk::screenshotScenes().join(u", "_s)),
        u"scene"_s);
    parser.addOption(sceneOption);
    parser.process(app);
    if (parser.isSet(colorSchemeOption)) {
        // Fusion follows the requested scheme on every platform, also where no desktop theme is.
        QApplication::setStyle(new OrkestrUi::ContrastStyle(u"Fusion"_s));
        const bool dark = parser.value(colorSchemeOption) == u"dark"_s;
        QGuiApplication::styleHints()->setColorScheme(dark ? Qt::ColorScheme::Dark : Qt::ColorScheme::Light);
        // Without a desktop theme (e.g. under Xvfb) the hint alone changes nothing: set the palette.
        QApplication::setPalette(dark ? OrkestrUi::darkPalette() : QApplication::style()->standardPalette());
    }

    Orkestr::Client client;
    client.setUserAgent(u"orkestr-desk/%1"_s.arg(QApplication::applicationVersion()));
    client.setAllowInsecureHttp(parser.isSet(insecureOption));
    Orkestr::Client::setDefaultClient(&client);

    OrkestrUi::MainWindow window(&client);
    window.show();

    if (parser.isSet(sceneOption)) {
        if (!parser.isSet(screenshotOption)
            || !OrkestrDesk::startScreenshotScene(&window, parser.value(sceneOption),
                                                  parser.value(screenshotOption)))
            parser.showHelp(2);
    } else if (parser.isSet(screenshotOption)) {
        const QString file = parser.value(screenshotOption);
        auto shoot = [&window, file] {
            // Let the window lay itself out and paint before grabbing it.
            QTimer::singleShot(700, &window, [&window, file] {
                const bool saved = window.grab().save(file);
                QApplication::exit(saved ? 0 : 1);
            });
        };
        QObject::connect(&window, &OrkestrUi::MainWindow::accountChanged, &window, shoot);
        QObject::connect(&window, &OrkestrUi::MainWindow::connectionFailed, &window, shoot);
    }

    if (parser.isSet(firstListOption)) {
        auto *probe = new FirstListProbe(sinceMain, window.sandboxesPage(),
                                         std::max(1, parser.value(firstListOption).toInt()));
        QObject::connect(&window, &OrkestrUi::MainWindow::accountChanged, probe, [probe, &sinceMain] {
            probe->setConnectedMs(double(sinceMain.nsecsElapsed()) / 1e6);
        });
        QObject::connect(&window, &OrkestrUi::MainWindow::connectionFailed, &window, [] {
            std::fputs("first-list-painted: connection failed\n", stderr);
            QApplication::exit(2);
        });
    }

    OrkestrUi::ProfileStore profiles;
    OrkestrUi::TokenVault vault;
    OrkestrUi::ConnectionManager connections(&client, &profiles, &vault);
    connections.setEmbeddedArguments({u"--plan"_s, parser.value(planOption)});
    window.setConnections(&profiles, &connections);
    if (parser.isSet(serverOption)) {
        connections.connectTo(QUrl::fromUserInput(parser.value(serverOption)), parser.isSet(insecureOption));
    } else {
        connections.connectCurrent();
    }
    return app.exec();
}

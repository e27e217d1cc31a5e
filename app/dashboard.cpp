#include "app/dashboard.h"

#include "app/logging.h"
#include "ui/i18n/language.h"
#include "ui/theme/colorscheme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleHints>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

using namespace Qt::StringLiterals;

namespace OrkestrDesk {

void setUpApplication()
{
#if defined(__GLIBC__)
    // glibc gives threads heaps of their own (up to 8 per core). A long sandbox listing arrives on
    // the network thread and is parsed on pool threads; each of those heaps kept the freed page
    // buffers resident between the sandboxes' strings that stay. One heap for every thread
    // lowers the peak RSS of a long listing (docs/benchmarks.md).
    ::mallopt(M_ARENA_MAX, 1);
#endif
    QApplication::setApplicationName(u"orkestr-desk"_s);
    QApplication::setApplicationDisplayName(u"Orkestr Desk"_s);
    QApplication::setOrganizationName(u"orkestr"_s);
    QApplication::setApplicationVersion(QStringLiteral(ORKESTR_VERSION));
    QApplication::setDesktopFileName(u"eu.orkestr.Desk"_s);
    // Orkestr Desk's own texts from the embedded .qm files, and Qt's for the standard dialogs;
    // without a match the texts stay English.
    const QString language = OrkestrUi::Language::setting(QSettings());
    OrkestrUi::Language::install(qApp, OrkestrUi::Language::localeFor(language), u":/i18n"_s);
}

ConnectionOptions::ConnectionOptions()
    : server(u"server"_s,
             QApplication::translate("main",
                                     "Connect to this server instead of the embedded "
                                     "local one; the token comes from ORKESTR_API_KEY."),
             u"url"_s)
    , localService(u"local-service"_s,
                   QApplication::translate("main",
                                           "Address of the orkestr-local user service, which the "
                                           "Local profile prefers to the embedded server; off: "
                                           "always the embedded server."),
                   u"url"_s, OrkestrSession::LocalService::defaultUrl().toString())
    , allowInsecureHttp(u"allow-insecure-http"_s,
                        QApplication::translate("main",
                                                "Allow sending the token over plain http to a "
                                                "host other than this machine."))
    , localPlan(u"local-plan"_s,
                QApplication::translate("main", "Plan of the embedded server: free, pro or team."), u"plan"_s,
                u"pro"_s)
    , colorScheme(u"color-scheme"_s,
                  QApplication::translate("main", "light or dark; by default the desktop's."), u"scheme"_s)
{
}

namespace {

void applyColorScheme(const QString &scheme)
{
    // Fusion follows the requested scheme on every platform, also where no desktop theme is.
    QApplication::setStyle(new OrkestrUi::ContrastStyle(u"Fusion"_s));
    const bool dark = scheme == u"dark"_s;
    QGuiApplication::styleHints()->setColorScheme(dark ? Qt::ColorScheme::Dark : Qt::ColorScheme::Light);
    // Without a desktop theme (e.g. under Xvfb) the hint alone changes nothing: set the palette.
    QApplication::setPalette(dark ? OrkestrUi::darkPalette() : QApplication::style()->standardPalette());
}

} // namespace

Dashboard::Dashboard(const QCommandLineParser &parser, const ConnectionOptions &options)
    : m_server(parser.value(options.server))
    , m_serverGiven(parser.isSet(options.server))
    , m_plan(parser.value(options.localPlan))
    , m_allowInsecureHttp(parser.isSet(options.allowInsecureHttp))
    , m_localServiceEnabled(parser.value(options.localService) != u"off"_s)
    , m_connections(&m_client, &m_profiles, &m_vault)
{
    // The style before the first widget.
    if (parser.isSet(options.colorScheme))
        applyColorScheme(parser.value(options.colorScheme));
    if (m_localServiceEnabled)
        m_localService.setUrl(QUrl(parser.value(options.localService)));
    m_client.setUserAgent(u"orkestr-desk/%1"_s.arg(QApplication::applicationVersion()));
    m_client.setAllowInsecureHttp(m_allowInsecureHttp);
    Orkestr::Client::setDefaultClient(&m_client);
    m_window = std::make_unique<OrkestrUi::MainWindow>(&m_client);
    m_window->show();
    QObject::connect(m_window.get(), &OrkestrUi::MainWindow::accountChanged, m_window.get(),
                     [this](const Orkestr::Account &account) {
                         qCDebug(lcApp, "connected to %s (account %s, plan %s)",
                                 qPrintable(m_client.baseUrl().toDisplayString()),
                                 qPrintable(account.accountId), qPrintable(account.plan));
                     });
    QObject::connect(m_window.get(), &OrkestrUi::MainWindow::connectionFailed, m_window.get(),
                     [this](const Orkestr::ApiError &error) {
                         qCWarning(lcApp, "cannot connect to %s: %s (%s)",
                                   qPrintable(m_client.baseUrl().toDisplayString()),
                                   qPrintable(error.message()), qPrintable(error.type()));
                     });
}

Dashboard::~Dashboard() = default;

void Dashboard::connect()
{
    m_connections.setEmbeddedArguments({u"--plan"_s, m_plan});
    if (m_localServiceEnabled)
        m_connections.setLocalService(&m_localService);
    m_window->setConnections(&m_profiles, &m_connections);
    if (m_serverGiven) {
        m_connections.connectTo(QUrl::fromUserInput(m_server), m_allowInsecureHttp);
    } else {
        m_connections.connectCurrent();
    }
}

} // namespace OrkestrDesk

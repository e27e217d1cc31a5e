#pragma once

// What orkestr-desk and the scenes tool (tools/desk-scenes) share: the application's identity
// and translations, the command-line options of a connection, and the dashboard itself (the
// client, the main window and the connection to the embedded or another server).

#include "core/client.h"
#include "session/localservice.h"
#include "ui/mainwindow.h"
#include "ui/profiles/connectionmanager.h"
#include "ui/profiles/profilestore.h"
#include "ui/profiles/tokenvault.h"

#include <QCommandLineOption>
#include <QList>

#include <memory>

class QCommandLineParser;

namespace OrkestrDesk {

// Names, version and desktop file name of the application, then its translations: the language
// of View › Language, or else the system's UI languages. Call once the QApplication exists.
void setUpApplication();

// --server, --local-service, --allow-insecure-http, --local-plan and --color-scheme.
struct ConnectionOptions
{
    ConnectionOptions();
    QList<QCommandLineOption> all() const
    {
        return {server, localService, allowInsecureHttp, localPlan, colorScheme};
    }

    QCommandLineOption server;
    QCommandLineOption localService;
    QCommandLineOption allowInsecureHttp;
    QCommandLineOption localPlan;
    QCommandLineOption colorScheme;
};

class Dashboard
{
public:
    // Applies --color-scheme, makes the client (the default client) and shows the main window;
    // nothing connects before connect().
    Dashboard(const QCommandLineParser &parser, const ConnectionOptions &options);
    ~Dashboard();
    Dashboard(const Dashboard &) = delete;
    Dashboard &operator=(const Dashboard &) = delete;

    OrkestrUi::MainWindow *window() const { return m_window.get(); }
    OrkestrUi::ConnectionManager *connections() { return &m_connections; }
    // Connects to --server, or else to the current profile: by default the orkestr-local user
    // service at --local-service, started if need be, or else the embedded server.
    void connect();

private:
    QString m_server;
    bool m_serverGiven = false;
    QString m_plan;
    bool m_allowInsecureHttp = false;
    Orkestr::Client m_client;
    std::unique_ptr<OrkestrUi::MainWindow> m_window;
    OrkestrUi::ProfileStore m_profiles;
    OrkestrUi::TokenVault m_vault;
    // Outlives the connection manager, which uses it.
    OrkestrSession::LocalService m_localService;
    bool m_localServiceEnabled = true;
    OrkestrUi::ConnectionManager m_connections;
};

} // namespace OrkestrDesk

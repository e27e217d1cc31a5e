#pragma once

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QStringList>
#include <QTimer>
#include <QUrl>

class QNetworkReply;

namespace OrkestrSession {

// Where a local orkestr-local keeps its tokens and answers: what the dashboard and the "Connect an
// agent" workflow need to mint a token for it.
struct LocalServerTarget
{
    QString program; // orkestr-local, which also runs the token subcommand
    QString dataDir;
    QUrl baseUrl;
    bool service = false; // the user service, which outlives the dashboard

    bool isValid() const { return !program.isEmpty() && !dataDir.isEmpty() && baseUrl.isValid(); }
};

// Finds the orkestr-local user service (docs/server.md, "Running as a user service"): probes its
// address, starts it with `systemctl --user start` when it does not answer, and mints the
// dashboard's own token in its data directory with the token subcommand. Reports ready() with the
// URL and token, or unavailable() when there is no service to use (the dashboard then starts its
// embedded server). Everything is asynchronous: a probe, a child process, never a wait.
class LocalService : public QObject
{
    Q_OBJECT
public:
    explicit LocalService(QObject *parent = nullptr);
    ~LocalService() override;

    static QUrl defaultUrl() { return QUrl(QStringLiteral("http://127.0.0.1:8787")); }
    // orkestr-local's own default: $XDG_DATA_HOME/orkestr-local.
    static QString defaultDataDir();

    void setUrl(const QUrl &url) { m_target.baseUrl = url; }
    void setDataDir(const QString &dir) { m_target.dataDir = dir; }
    void setProgram(const QString &program) { m_target.program = program; }
    // How to start the service; by default `systemctl --user start orkestr-local.service`, or
    // nothing where systemctl is missing. An empty program never starts it.
    void setStartCommand(const QString &program, const QStringList &arguments);
    // How long to wait for the start command and the started service to answer.
    void setStartTimeout(int milliseconds) { m_startTimeoutMs = milliseconds; }
    // The dashboard's token in the service; other tokens of this name are revoked.
    void setTokenName(const QString &name) { m_tokenName = name; }

    void connectToService();
    bool isReady() const { return !m_token.isEmpty(); }
    LocalServerTarget target() const { return m_target; }
    QString token() const { return m_token; }

Q_SIGNALS:
    void ready(const QUrl &url);
    void unavailable(const QString &reason);

private:
    enum class Stage { Idle, Probing, Starting, Waiting, Minting, Verifying };
    void probe();
    void probed(QNetworkReply *reply);
    void startService();
    void mintToken();
    void giveUp(const QString &reason);

    LocalServerTarget m_target;
    QString m_startProgram;
    QStringList m_startArguments;
    QString m_tokenName;
    int m_startTimeoutMs = 10000;
    Stage m_stage = Stage::Idle;
    QNetworkAccessManager m_network;
    QPointer<QNetworkReply> m_probe;
    QTimer m_retry;
    QTimer m_deadline;
    QProcess m_starter;
    QProcess m_tokenTool;
    QString m_token;
};

} // namespace OrkestrSession

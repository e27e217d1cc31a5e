#pragma once

#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QUrl>

namespace Orkestr {

// Starts an orkestr-local server as a child process on a free loopback port, with a fresh
// token of its own (made by `orkestr-local token create --replace`, kept only in memory), and
// reports its URL once it listens. The app's embedded default, and the tests' real server.
class LocalServerProcess : public QObject
{
    Q_OBJECT
public:
    explicit LocalServerProcess(QObject *parent = nullptr);
    // Ends the server this object started (SIGTERM, then SIGKILL after a grace period).
    ~LocalServerProcess() override;

    // Defaults: orkestr-local next to the running executable, else on PATH.
    void setProgram(const QString &program) { m_program = program; }
    QString program() const { return m_program; }
    void setDataDir(const QString &dir) { m_dataDir = dir; }
    QString dataDir() const { return m_dataDir; }
    // More options for the server, e.g. {"--plan", "free"}.
    void setExtraArguments(const QStringList &arguments) { m_extraArguments = arguments; }
    // The name of the token it creates; other tokens of that name are revoked.
    void setTokenName(const QString &name) { m_tokenName = name; }

    void start();
    void stop();
    bool isReady() const { return m_url.isValid(); }
    QUrl url() const { return m_url; }
    QString token() const { return m_token; }
    qint64 processId() const { return m_server.processId(); }
    // What the server wrote to stderr (its request log), for diagnostics.
    QByteArray serverLog() const { return m_log; }

    static QString findProgram();

Q_SIGNALS:
    void ready(const QUrl &url);
    void failed(const QString &message);
    void exited(int exitCode);

private:
    void startServer();
    void fail(const QString &message);

    QString m_program;
    QString m_dataDir;
    QStringList m_extraArguments;
    QString m_tokenName;
    QProcess m_tokenTool;
    QProcess m_server;
    QByteArray m_stdout;
    QByteArray m_log;
    QUrl m_url;
    QString m_token;
};

} // namespace Orkestr

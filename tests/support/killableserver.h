#pragma once

// An orkestr-local for crash tests: a fixed loopback port, a fixed data dir and one token that
// survive a restart, so that a SIGKILL and a restart look to a client like a server that went
// away for a moment (LocalServerProcess picks a new port and token on every start).

#include "eventwait.h"
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTest>
#include <QUrl>

#include <csignal>
#include <memory>
#include <sys/prctl.h>

struct KillableServer
{
    QString dataDir;
    quint16 port = 0;
    QString token;
    QStringList extraArguments;
    QProcess process;
    QByteArray output;

    // A free loopback port below the kernel's ephemeral range (32768 and up by default). The server
    // takes the same port again after each SIGKILL; a port from the ephemeral range could meanwhile
    // be the local end of any outgoing connection on the machine (CI saw "address already in use").
    static quint16 freePort();

    // Creates the token (once) and starts the server; false (with a warning) when it does not
    // listen within 20 s.
    bool start();

    qint64 pid() const { return process.processId(); }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)); }

    // SIGKILL: no destructor, no flush, no signal handler runs.
    void kill();
    void stop();

    ~KillableServer() { stop(); }
};

// Resident memory of a process in KiB (VmRSS from /proc), or -1.
qint64 residentKiB(qint64 pid, const char *field = "VmRSS:");

struct SyncResult
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QString errorType() const
    {
        return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("type")).toString();
    }
};

// Plain HTTP to a KillableServer, waiting for each answer (the event loop keeps running).
struct SyncClient
{
    QNetworkAccessManager network;
    const KillableServer *server;

    explicit SyncClient(const KillableServer *target)
        : server(target)
    {
    }

    SyncResult send(const QByteArray &verb, const QString &path, const QByteArray &body = {},
                    int timeoutMs = 60000);
    SyncResult post(const QString &path, const QJsonObject &body = {})
    {
        return send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    QString create(const QString &templateName = QStringLiteral("ubuntu-24.04"));
    // The file's bytes through the API, or a null QByteArray with the status in *status.
    QByteArray readFile(const QString &id, const QString &path, int *status = nullptr);
    static QByteArray writeBody(const QString &path, const QByteArray &bytes);
};

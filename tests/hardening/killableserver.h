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
    static quint16 freePort()
    {
        for (int attempt = 0; attempt < 200; ++attempt) {
            const auto candidate = quint16(20000 + QRandomGenerator::global()->bounded(12000));
            QTcpServer probe;
            if (probe.listen(QHostAddress::LocalHost, candidate))
                return candidate;
        }
        return 0;
    }

    // Creates the token (once) and starts the server; false (with a warning) when it does not
    // listen within 20 s.
    bool start()
    {
        if (port == 0)
            port = freePort();
        if (token.isEmpty()) {
            QProcess tool;
            tool.start(QStringLiteral(ORKESTR_LOCAL_PROGRAM),
                       {QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--name"),
                        QStringLiteral("hardening"), QStringLiteral("--data-dir"), dataDir});
            if (!tool.waitForFinished(15000) || tool.exitCode() != 0) {
                qWarning() << "token create failed:" << tool.readAllStandardError();
                return false;
            }
            token = QString::fromUtf8(tool.readAllStandardOutput()).trimmed();
        }
        process.setProcessChannelMode(QProcess::MergedChannels);
        // The server ends with the test even if the test crashes.
        process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        // The port is taken again after a SIGKILL; if something else holds it for a moment, wait
        // and try again rather than fail the test (5 s in all).
        for (int attempt = 0;; ++attempt) {
            output.clear();
            process.start(QStringLiteral(ORKESTR_LOCAL_PROGRAM),
                          QStringList {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port),
                                       QStringLiteral("--data-dir"), dataDir}
                              + extraArguments);
            const bool up = OrkestrTest::waitUntil(
                [&] {
                    output += process.readAll();
                    return output.contains("listening on") || process.state() == QProcess::NotRunning;
                },
                20000);
            if (up && output.contains("listening on"))
                return true;
            if (!output.contains("already in use") || attempt == 25)
                break;
            OrkestrTest::waitUntil([&] { return process.state() == QProcess::NotRunning; }, 5000);
            OrkestrTest::waitUntil([] { return false; }, 200);
        }
        qWarning() << "orkestr-local did not start:" << output.right(2000);
        return false;
    }

    qint64 pid() const { return process.processId(); }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)); }

    // SIGKILL: no destructor, no flush, no signal handler runs.
    void kill()
    {
        if (process.state() == QProcess::NotRunning)
            return;
        ::kill(pid_t(process.processId()), SIGKILL);
        // Not waitForFinished: the GUI tests measure that their event loop never stalls.
        if (!OrkestrTest::waitUntil([this] { return process.state() == QProcess::NotRunning; }, 5000))
            qWarning("orkestr-local did not end within 5 s of SIGKILL");
        output += process.readAll();
    }

    void stop()
    {
        if (process.state() == QProcess::NotRunning)
            return;
        process.terminate();
        if (!process.waitForFinished(5000))
            kill();
    }

    ~KillableServer() { stop(); }
};

// Resident memory of a process in KiB (VmRSS from /proc), or -1.
inline qint64 residentKiB(qint64 pid, const char *field = "VmRSS:")
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

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
                    int timeoutMs = 60000)
    {
        QNetworkRequest request(server->url().resolved(QUrl(path)));
        request.setRawHeader("Authorization", "Bearer " + server->token.toUtf8());
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setTransferTimeout(timeoutMs);
        std::unique_ptr<QNetworkReply> reply(network.sendCustomRequest(request, verb, body));
        SyncResult result;
        if (!OrkestrTest::waitUntil([&] { return reply->isFinished(); }, timeoutMs + 1000))
            return result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.json = QJsonDocument::fromJson(result.body).object();
        return result;
    }
    SyncResult post(const QString &path, const QJsonObject &body = {})
    {
        return send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    QString create(const QString &templateName = QStringLiteral("ubuntu-24.04"))
    {
        const auto result
            = post(QStringLiteral("/v1/sandboxes"),
                   {{QStringLiteral("template"), templateName}, {QStringLiteral("timeout_seconds"), 3600}});
        if (result.status != 201)
            qWarning() << "create failed:" << result.status << result.body;
        return result.json.value(QStringLiteral("id")).toString();
    }
    // The file's bytes through the API, or a null QByteArray with the status in *status.
    QByteArray readFile(const QString &id, const QString &path, int *status = nullptr)
    {
        const auto result = send("GET", QStringLiteral("/v1/sandboxes/%1/files?path=%2").arg(id, path));
        if (status)
            *status = result.status;
        if (result.status != 200)
            return {};
        return QByteArray::fromBase64(result.json.value(QStringLiteral("content")).toString().toLatin1());
    }
    static QByteArray writeBody(const QString &path, const QByteArray &bytes)
    {
        return QJsonDocument(QJsonObject {{QStringLiteral("path"), path},
                                          {QStringLiteral("encoding"), QStringLiteral("base64")},
                                          {QStringLiteral("content"), QString::fromLatin1(bytes.toBase64())}})
            .toJson(QJsonDocument::Compact);
    }
};

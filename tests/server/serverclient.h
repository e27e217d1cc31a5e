#pragma once

// Plain HTTP against a real orkestr-local (no OrkestrCore jobs: the server tests check the wire).

#include "eventwait.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>

#include <memory>

// One server-sent event of an exec stream, its data parsed.
struct SseEvent
{
    QByteArray event;
    QJsonObject data;
};

struct ParsedSse
{
    QList<SseEvent> events;
    int keepalives = 0;
};

// A whole exec-stream body split into its events (and the keepalive comments counted).
inline ParsedSse parseSse(const QByteArray &body)
{
    ParsedSse parsed;
    const auto blocks = QString::fromUtf8(body).split(QStringLiteral("\n\n"), Qt::SkipEmptyParts);
    for (const auto &block : blocks) {
        SseEvent event;
        for (const auto &line : block.split(u'\n')) {
            if (line.startsWith(QLatin1StringView(": keepalive")))
                ++parsed.keepalives;
            else if (line.startsWith(QLatin1StringView("event: ")))
                event.event = line.mid(7).toUtf8();
            else if (line.startsWith(QLatin1StringView("data: ")))
                event.data = QJsonDocument::fromJson(line.mid(6).toUtf8()).object();
        }
        if (!event.event.isEmpty())
            parsed.events.append(event);
    }
    return parsed;
}

// Bytes a test can check later: deterministic in (seed, size); size a multiple of 4.
inline QByteArray patternBytes(quint32 seed, qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    generator.fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    return bytes;
}

// Resident memory of a process in KiB (VmRSS from /proc), or -1.
inline qint64 residentKb(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const auto &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

struct HttpResult
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers)
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        return {};
    }
    QJsonObject error() const { return json.value(QStringLiteral("error")).toObject(); }
    QString errorType() const { return error().value(QStringLiteral("type")).toString(); }
};

struct ServerClient
{
    QNetworkAccessManager network;
    QUrl base;
    QString token;

    ServerClient(const TestServer &server)
        : base(server.url())
        , token(server.token())
    {
    }

    // Starts a request without waiting for it; the caller owns the reply (see result()).
    QNetworkReply *start(const QByteArray &verb, const QString &path, const QByteArray &body = {},
                         const QList<std::pair<QByteArray, QByteArray>> &headers = {},
                         const QString &withToken = {})
    {
        QNetworkRequest request(base.resolved(QUrl(path)));
        request.setRawHeader("Authorization", "Bearer " + (withToken.isEmpty() ? token : withToken).toUtf8());
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        // Long execs and snapshots: do not let Qt's default transfer timeout cut them short.
        request.setTransferTimeout(120000);
        return network.sendCustomRequest(request, verb, body);
    }
    QNetworkReply *start(const QByteArray &verb, const QString &path, const QJsonObject &body)
    {
        return start(verb, path, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    // The answer of a finished reply (status 0 if it is not finished).
    static HttpResult result(QNetworkReply &reply)
    {
        HttpResult result;
        if (!reply.isFinished())
            return result;
        result.status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply.readAll();
        result.json = QJsonDocument::fromJson(result.body).object();
        result.headers = reply.rawHeaderPairs();
        return result;
    }

    HttpResult send(const QByteArray &verb, const QString &path, const QByteArray &body = {},
                    const QList<std::pair<QByteArray, QByteArray>> &headers = {},
                    const QString &withToken = {})
    {
        std::unique_ptr<QNetworkReply> reply(start(verb, path, body, headers, withToken));
        OrkestrTest::waitUntil([&] { return reply->isFinished(); }, 120000);
        return result(*reply);
    }
    HttpResult get(const QString &path) { return send("GET", path); }
    HttpResult post(const QString &path, const QJsonObject &body = {})
    {
        return send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    HttpResult put(const QString &path, const QJsonObject &body)
    {
        return send("PUT", path, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    HttpResult del(const QString &path) { return send("DELETE", path); }

    // Creates a sandbox and returns its id, or an empty string.
    QString create(const QJsonObject &body = {{QStringLiteral("template"), QStringLiteral("python-3.12")}})
    {
        const auto result = post(QStringLiteral("/v1/sandboxes"), body);
        if (result.status != 201)
            qWarning() << "create failed:" << result.status << result.body;
        return result.json.value(QStringLiteral("id")).toString();
    }
    HttpResult exec(const QString &id, const QString &command, double timeoutSeconds = 30)
    {
        return post(
            QStringLiteral("/v1/sandboxes/%1/exec").arg(id),
            {{QStringLiteral("command"), command}, {QStringLiteral("timeout_seconds"), timeoutSeconds}});
    }
};

// Runs `orkestr-local token create` against a server's data directory and returns the secret.
inline QString createToken(const QString &dataDir, const QStringList &extra)
{
    QProcess tool;
    tool.start(
        QStringLiteral(ORKESTR_LOCAL_PROGRAM),
        QStringList {QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--data-dir"), dataDir}
            + extra);
    if (!tool.waitForFinished(15000) || tool.exitCode() != 0)
        return {};
    return QString::fromUtf8(tool.readAllStandardOutput()).trimmed();
}

// Polls a condition that itself talks HTTP (QTRY_* does not mix with nested event loops).
template<typename F> inline bool waitUntil(F condition, int timeoutMs = 5000)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        if (condition())
            return true;
        QTest::qWait(50);
    }
    return condition();
}

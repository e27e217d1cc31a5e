#include "killableserver.h"

#include <QFile>

quint16 KillableServer::freePort()
{
    for (int attempt = 0; attempt < 200; ++attempt) {
        const auto candidate = quint16(20000 + QRandomGenerator::global()->bounded(12000));
        QTcpServer probe;
        if (probe.listen(QHostAddress::LocalHost, candidate))
            return candidate;
    }
    return 0;
}

bool KillableServer::start()
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

void KillableServer::kill()
{
    if (process.state() == QProcess::NotRunning)
        return;
    ::kill(pid_t(process.processId()), SIGKILL);
    // Not waitForFinished: the GUI tests measure that their event loop never stalls.
    if (!OrkestrTest::waitUntil([this] { return process.state() == QProcess::NotRunning; }, 5000))
        qWarning("orkestr-local did not end within 5 s of SIGKILL");
    output += process.readAll();
}

void KillableServer::stop()
{
    if (process.state() == QProcess::NotRunning)
        return;
    process.terminate();
    if (!process.waitForFinished(5000))
        kill();
}

qint64 residentKiB(qint64 pid, const char *field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

SyncResult SyncClient::send(const QByteArray &verb, const QString &path, const QByteArray &body,
                            int timeoutMs)
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

QString SyncClient::create(const QString &templateName)
{
    const auto result
        = post(QStringLiteral("/v1/sandboxes"),
               {{QStringLiteral("template"), templateName}, {QStringLiteral("timeout_seconds"), 3600}});
    if (result.status != 201)
        qWarning() << "create failed:" << result.status << result.body;
    return result.json.value(QStringLiteral("id")).toString();
}

QByteArray SyncClient::readFile(const QString &id, const QString &path, int *status)
{
    const auto result = send("GET", QStringLiteral("/v1/sandboxes/%1/files?path=%2").arg(id, path));
    if (status)
        *status = result.status;
    if (result.status != 200)
        return {};
    return QByteArray::fromBase64(result.json.value(QStringLiteral("content")).toString().toLatin1());
}

QByteArray SyncClient::writeBody(const QString &path, const QByteArray &bytes)
{
    return QJsonDocument(QJsonObject {{QStringLiteral("path"), path},
                                      {QStringLiteral("encoding"), QStringLiteral("base64")},
                                      {QStringLiteral("content"), QString::fromLatin1(bytes.toBase64())}})
        .toJson(QJsonDocument::Compact);
}

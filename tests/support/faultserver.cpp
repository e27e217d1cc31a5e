#include "faultserver.h"

#include <QJsonDocument>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace {
QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 304:
        return "Not Modified";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

int s_requestNumber = 0;

QByteArray head(int status, qsizetype contentLength, const QByteArray &contentType,
                const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status) + "\r\n";
    out += "X-Request-Id: req_fault" + QByteArray::number(++s_requestNumber) + "\r\n";
    out += "Connection: close\r\n";
    if (!contentType.isEmpty())
        out += "Content-Type: " + contentType + "\r\n";
    if (contentLength >= 0)
        out += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    out += "\r\n";
    return out;
}
} // namespace

FaultResponse FaultResponse::raw(const QByteArray &bytes)
{
    FaultResponse response;
    response.pieces = {bytes};
    return response;
}

FaultResponse FaultResponse::json(int status, const QByteArray &body,
                                  const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    if (status == 204 || status == 304)
        return raw(head(status, -1, {}, headers));
    return raw(head(status, body.size(), "application/json", headers) + body);
}

FaultResponse FaultResponse::json(int status, const QJsonObject &body,
                                  const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    return json(status, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
}

FaultResponse FaultResponse::error(int status, const QString &type, const QJsonObject &extra,
                                   const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QJsonObject error = extra;
    error.insert(u"type"_s, type);
    error.insert(u"message"_s, u"fault server says %1"_s.arg(type));
    error.insert(u"request_id"_s, u"req_body%1"_s.arg(s_requestNumber + 1));
    return json(status, QJsonObject {{u"error"_s, error}}, headers);
}

FaultResponse FaultResponse::sse(const QList<QByteArray> &bodyPieces, int pieceDelayMs)
{
    FaultResponse response;
    response.pieces = {head(200, -1, "text/event-stream", {{"Cache-Control", "no-cache"}})};
    response.pieces += bodyPieces;
    response.pieceDelayMs = pieceDelayMs;
    return response;
}

QByteArray FaultResponse::all() const
{
    QByteArray out;
    for (const auto &piece : pieces)
        out += piece;
    return out;
}

FaultResponse FaultResponse::cutAfter(qsizetype bytes, End how) const
{
    FaultResponse response = *this;
    response.pieces.clear();
    qsizetype left = bytes;
    for (const auto &piece : pieces) {
        if (left <= 0)
            break;
        response.pieces.append(piece.left(left));
        left -= piece.size();
    }
    response.end = how;
    return response;
}

QString RecordedRequest::path() const
{
    return QUrl::fromEncoded(target).path();
}

QUrlQuery RecordedRequest::query() const
{
    return QUrlQuery(QUrl::fromEncoded(target));
}

FaultServer::FaultServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FaultServer::onNewConnection);
    m_clock.start();
}

bool FaultServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FaultServer::url() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(m_server.serverPort()));
}

void FaultServer::onNewConnection()
{
    while (auto *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        m_incoming.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_incoming.remove(socket);
            socket->deleteLater();
        });
    }
}

void FaultServer::onReadyRead(QTcpSocket *socket)
{
    if (!m_incoming.contains(socket))
        return;
    Incoming &in = m_incoming[socket];
    in.buffer += socket->readAll();
    for (;;) {
        if (!in.inBody) {
            const qsizetype headerEnd = in.buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            RecordedRequest request;
            const auto lines = in.buffer.left(headerEnd).split('\n');
            const auto requestLine = lines.first().trimmed().split(' ');
            if (requestLine.size() < 2)
                return;
            request.method = requestLine[0];
            request.target = requestLine[1];
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                           lines[i].mid(colon + 1).trimmed());
            }
            in.left = request.headers.value("content-length", "0").toLongLong();
            in.request = request;
            in.inBody = true;
            in.buffer.remove(0, headerEnd + 4);
        }
        const qint64 take = std::min<qint64>(in.left, in.buffer.size());
        if (bodySink)
            bodySink(QByteArrayView(in.buffer).first(take));
        else
            in.request.body += in.buffer.left(take);
        in.buffer.remove(0, take);
        in.left -= take;
        if (in.left > 0)
            return; // the body is still coming
        in.inBody = false;
        in.request.receivedAtMs = m_clock.elapsed();
        requests.append(in.request);
        FaultResponse response;
        if (!m_script.isEmpty())
            response = m_script.dequeue();
        else if (responder)
            response = responder(requests.last());
        else
            response
                = FaultResponse::error(500, u"internal"_s, {{u"detail"_s, u"no scripted response left"_s}});
        Q_EMIT requestReceived();
        respond(socket, response);
        if (in.buffer.isEmpty())
            return;
    }
}

void FaultServer::respond(QTcpSocket *socket, const FaultResponse &response)
{
    QPointer<QTcpSocket> guard(socket);
    QTimer::singleShot(response.delayMs, this, [this, guard, response] {
        if (guard)
            writePiece(guard, response, 0);
    });
}

void FaultServer::writePiece(QTcpSocket *socket, FaultResponse response, int index)
{
    if (index < response.pieces.size()) {
        socket->write(response.pieces[index]);
        socket->flush();
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(index + 1 < response.pieces.size() ? response.pieceDelayMs : 0, this,
                           [this, guard, response, index] {
                               if (guard)
                                   writePiece(guard, response, index + 1);
                           });
        return;
    }
    if (response.generator) {
        pump(socket, response);
        return;
    }
    finishResponse(socket, response);
}

void FaultServer::pump(QTcpSocket *socket, const FaultResponse &response)
{
    // Keep about a megabyte queued; write more each time the socket has sent some.
    while (socket->bytesToWrite() < 1024 * 1024) {
        const QByteArray chunk = response.generator();
        if (chunk.isEmpty()) {
            finishResponse(socket, response);
            return;
        }
        socket->write(chunk);
    }
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(socket, &QTcpSocket::bytesWritten, this, [this, socket, response, connection] {
        disconnect(*connection);
        pump(socket, response);
    });
}

void FaultServer::finishResponse(QTcpSocket *socket, const FaultResponse &response)
{
    switch (response.end) {
    case FaultResponse::End::Close:
        socket->disconnectFromHost();
        break;
    case FaultResponse::End::Reset:
        // Let what was written reach the client first, so the cut is really mid-response.
        while (socket->bytesToWrite() > 0 && socket->waitForBytesWritten(1000)) { }
        {
            // A zero linger time makes the close a real TCP reset instead of an orderly FIN.
            const linger noLinger {1, 0};
            setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &noLinger, sizeof noLinger);
        }
        socket->abort();
        break;
    case FaultResponse::End::Stall:
        if (response.stallMs > 0) {
            QPointer<QTcpSocket> guard(socket);
            QTimer::singleShot(response.stallMs, this, [this, guard, response] {
                if (!guard)
                    return;
                FaultResponse reset = response;
                reset.end = FaultResponse::End::Reset;
                finishResponse(guard, reset);
            });
        }
        break;
    }
}

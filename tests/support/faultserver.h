#pragma once

// A tiny HTTP/1.1 server for tests that answers each request with the next scripted raw
// response, and can misbehave on purpose: reset the connection mid-response, close early,
// stall, or dribble a response out in pieces. It records every request it got.

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QQueue>
#include <QTcpServer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

class QTcpSocket;

struct FaultResponse
{
    enum class End {
        Close, // a graceful close after the last piece
        Reset, // abort the connection after the last piece (a reset mid-response)
        Stall, // keep the connection open and send nothing more (see stallMs)
    };
    QList<QByteArray> pieces; // written one after another
    int delayMs = 0; // before the first piece
    int pieceDelayMs = 0; // between pieces
    End end = End::Close;
    // For End::Stall: after this long silence the connection is reset (as a proxy that gives up
    // would); 0 stalls until the client goes away.
    int stallMs = 0;
    // After the pieces: called for more bytes until it returns none, so a huge body is made as
    // it is sent instead of held whole. Writing waits while the socket's buffer is full.
    std::function<QByteArray()> generator;

    // A complete response.
    static FaultResponse raw(const QByteArray &bytes);
    static FaultResponse json(int status, const QByteArray &body,
                              const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    static FaultResponse json(int status, const QJsonObject &body,
                              const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    // An error body as in the contract: {"error": {"type", "message", "request_id", ...extra}}.
    static FaultResponse error(int status, const QString &type, const QJsonObject &extra = {},
                               const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    // A text/event-stream response (no Content-Length; the end is the connection's close) whose
    // body is sent in pieces.
    static FaultResponse sse(const QList<QByteArray> &bodyPieces, int pieceDelayMs = 0);
    // The first `bytes` bytes of this response, then the given end.
    FaultResponse cutAfter(qsizetype bytes, End how) const;
    QByteArray all() const;
};

struct RecordedRequest
{
    QByteArray method;
    QByteArray target; // the path and query as sent
    QMap<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    qint64 receivedAtMs = 0; // since the server started

    QString path() const;
    QUrlQuery query() const;
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
};

class FaultServer : public QObject
{
    Q_OBJECT
public:
    explicit FaultServer(QObject *parent = nullptr);
    bool listen();
    QUrl url() const;
    void enqueue(const FaultResponse &response) { m_script.enqueue(response); }
    int pending() const { return int(m_script.size()); }
    QList<RecordedRequest> requests;
    // When set, request bodies go here piece by piece instead of into RecordedRequest::body, so a
    // huge upload is never held whole.
    std::function<void(QByteArrayView)> bodySink;
    // When set, answers every request that finds the script empty (instead of a 500 "no
    // scripted response left"): a server for a whole dashboard that misbehaves on demand.
    std::function<FaultResponse(const RecordedRequest &)> responder;
    qint64 elapsedMs() const { return m_clock.elapsed(); }

Q_SIGNALS:
    void requestReceived();

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const FaultResponse &response);
    void writePiece(QTcpSocket *socket, FaultResponse response, int index);
    void pump(QTcpSocket *socket, const FaultResponse &response);
    void finishResponse(QTcpSocket *socket, const FaultResponse &response);

    struct Incoming
    {
        QByteArray buffer;
        bool inBody = false;
        qint64 left = 0;
        RecordedRequest request;
    };
    QTcpServer m_server;
    QQueue<FaultResponse> m_script;
    QMap<QTcpSocket *, Incoming> m_incoming;
    QElapsedTimer m_clock;
};

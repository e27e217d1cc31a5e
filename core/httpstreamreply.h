#pragma once

// A lean HTTP/1.1 transport for one streamed response (the exec stream), as a QNetworkReply so that
// Client drives it exactly like one from QNetworkAccessManager: the same signals (metaDataChanged,
// readyRead, downloadProgress, errorOccurred, finished), the same attributes and headers, the same
// error codes, read buffer bound and abort().
//
// Why: QNetworkAccessManager moves every byte through its HTTP thread, its chunked decoder and a
// hand-over to the reading thread, which costs the reader CPU on a stream of hundreds of MiB (the
// measurement behind keeping this class is in docs/architecture.md). Here the socket lives on the
// reader's thread, the body is read straight into the reply's buffer and chunked framing is
// removed in place. The HTTP/1.1 parsing itself is in core/http1parsing.h.
//
// Scope: one request per connection (Connection: close, no keep-alive), a small request body read
// whole from the upload device, no proxy (canCarry() says when it applies), no redirects (the
// client's policy is manual anyway), no compression (no Accept-Encoding is sent). TLS uses the
// request's QSslConfiguration, which is the default configuration as for QNetworkAccessManager;
// certificate errors are never ignored and end the reply with SslHandshakeFailedError.

#include "core/http1parsing.h"

#include <QElapsedTimer>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>

class QAbstractSocket;
class QNetworkAccessManager;

namespace Orkestr {

class HttpStreamReply : public QNetworkReply
{
    Q_OBJECT
public:
    // Whether a request to url may bypass network: http or https, and neither the manager nor the
    // application's proxy factory puts a proxy in the way.
    static bool canCarry(const QNetworkAccessManager *network, const QUrl &url);

    // Starts at once (connecting); signals come from the event loop. `body` is read when the
    // connection is up; it may be null. The reply does not take ownership of it.
    HttpStreamReply(const QNetworkRequest &request, const QByteArray &method, QIODevice *body,
                    QObject *parent = nullptr);
    ~HttpStreamReply() override;

    void abort() override;
    void close() override;
    qint64 bytesAvailable() const override;
    void setReadBufferSize(qint64 size) override;

    // Longest response head (status line and headers) accepted.
    static constexpr qsizetype MaxHeadBytes = 64 * 1024;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
#if QT_CONFIG(ssl)
    void sslConfigurationImplementation(QSslConfiguration &configuration) const override;
#endif

private:
    enum class State { Connecting, Head, Body, Done };
    enum class BodyMode { None, Length, Chunked, UntilClose };

    void onConnected();
    void onSocketError();
    void onDisconnected();
    void pump();
    void schedulePump();
    bool readHead();
    bool parseHead(qsizetype headEnd);
    void concludeAfterClose();
    void finishOk();
    void fail(NetworkError code, const QString &message);
    void onTimerCheck();
    qint64 buffered() const
    {
        return m_out.size() - m_outPos;
    }

    QAbstractSocket *m_socket = nullptr;
    QPointer<QIODevice> m_body;
    QByteArray m_method;
    State m_state = State::Connecting;
    BodyMode m_mode = BodyMode::None;
    Http1::ChunkedDecoder m_chunked;
    qint64 m_contentLength = -1;
    qint64 m_received = 0; // body bytes decoded so far
    QByteArray m_head;
    QByteArray m_out; // the decoded body not yet read, from m_outPos
    qsizetype m_outPos = 0;
    qint64 m_readBufferSize = 0;
    bool m_peerClosed = false;
    bool m_pumpScheduled = false;
    bool m_headerSeen = false;
    int m_timeoutMs = 0;
    QElapsedTimer m_lastActivity;
    QTimer m_timer;
};

} // namespace Orkestr

#include "core/httpstreamreply.h"

#include "core/http1parsing.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QTcpSocket>
#if QT_CONFIG(ssl)
#include <QSslSocket>
#endif

#include <algorithm>
#include <cstring>
#include <limits>

namespace Orkestr {

using namespace Qt::StringLiterals;
using namespace Http1;

namespace {

// What one pass reads from the socket at most when the reply's buffer is unbounded.
constexpr qint64 MaxReadPerPass = 1024 * 1024;

} // namespace

bool HttpStreamReply::canCarry(const QNetworkAccessManager *network, const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    if (scheme != u"http"_s && scheme != u"https"_s)
        return false;
#if !QT_CONFIG(ssl)
    if (scheme == u"https"_s)
        return false;
#endif
    if (network) {
        const auto type = network->proxy().type();
        if (type != QNetworkProxy::DefaultProxy && type != QNetworkProxy::NoProxy)
            return false;
        if (type == QNetworkProxy::NoProxy)
            return true;
    }
    const QNetworkProxyQuery query(url);
    QNetworkProxyFactory *factory = network ? network->proxyFactory() : nullptr;
    const QList<QNetworkProxy> proxies
        = factory ? factory->queryProxy(query) : QNetworkProxyFactory::proxyForQuery(query);
    if (proxies.isEmpty())
        return true;
    QNetworkProxy first = proxies.first();
    if (first.type() == QNetworkProxy::DefaultProxy)
        first = QNetworkProxy::applicationProxy();
    return first.type() == QNetworkProxy::NoProxy || first.type() == QNetworkProxy::DefaultProxy;
}

HttpStreamReply::HttpStreamReply(const QNetworkRequest &request, const QByteArray &method, QIODevice *body,
                                 QObject *parent)
    : QNetworkReply(parent)
    , m_body(body)
    , m_method(method)
{
    setRequest(request);
    setUrl(request.url());
    setOperation(QNetworkAccessManager::CustomOperation);
    setAttribute(QNetworkRequest::CustomVerbAttribute, method);
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    m_timeoutMs = request.transferTimeout();

    const QUrl url = request.url();
    const bool tls = url.scheme().compare(u"https"_s, Qt::CaseInsensitive) == 0;
#if QT_CONFIG(ssl)
    if (tls) {
        auto *ssl = new QSslSocket(this);
        ssl->setSslConfiguration(request.sslConfiguration());
        // Certificate errors are not ignored: the handshake fails and so does the reply.
        connect(ssl, &QSslSocket::encrypted, this, &HttpStreamReply::onConnected);
        m_socket = ssl;
    }
#endif
    if (!m_socket) {
        m_socket = new QTcpSocket(this);
        connect(m_socket, &QAbstractSocket::connected, this, &HttpStreamReply::onConnected);
    }
    m_socket->setProxy(QNetworkProxy::NoProxy);
    connect(m_socket, &QAbstractSocket::readyRead, this, &HttpStreamReply::pump);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, &HttpStreamReply::onSocketError);
    connect(m_socket, &QAbstractSocket::disconnected, this, &HttpStreamReply::onDisconnected);
    connect(m_socket, &QIODevice::bytesWritten, this, [this] { m_lastActivity.start(); });

    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpStreamReply::onTimerCheck);
    m_lastActivity.start();
    if (m_timeoutMs > 0)
        m_timer.start(m_timeoutMs);

    // Connect from the event loop, so that whoever made this reply has connected to its signals
    // before anything (even an immediate failure) is reported.
    QMetaObject::invokeMethod(
        this,
        [this, tls] {
            if (isFinished())
                return;
            const QUrl target = this->request().url();
            const auto port = quint16(target.port(tls ? 443 : 80));
#if QT_CONFIG(ssl)
            if (tls) {
                static_cast<QSslSocket *>(m_socket)->connectToHostEncrypted(target.host(), port);
                return;
            }
#endif
            m_socket->connectToHost(target.host(), port);
        },
        Qt::QueuedConnection);
}

HttpStreamReply::~HttpStreamReply()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void HttpStreamReply::onConnected()
{
    if (isFinished())
        return;
    m_lastActivity.start();
    const QNetworkRequest req = request();
    const QUrl url = req.url();
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    const QString hostName = url.host();
    QByteArray host = hostName.contains(u':') ? '[' + hostName.toLatin1() + ']' : QUrl::toAce(hostName);
    if (url.port() != -1)
        host += ':' + QByteArray::number(url.port());

    QByteArray head;
    head.reserve(1024);
    head += m_method + ' ' + target + " HTTP/1.1\r\nHost: " + host + "\r\n";
    // A line break in a header would let it add headers or a request of its own.
    if (!isToken(m_method)) {
        fail(ProtocolInvalidOperationError, tr("The request has an invalid method or header."));
        return;
    }
    const auto names = req.rawHeaderList();
    for (const QByteArray &name : names) {
        const QByteArray value = req.rawHeader(name);
        if (!isToken(name) || !isFieldValue(value)) {
            fail(ProtocolInvalidOperationError, tr("The request has an invalid method or header."));
            return;
        }
        if (name.compare("host", Qt::CaseInsensitive) == 0
            || name.compare("connection", Qt::CaseInsensitive) == 0
            || name.compare("content-length", Qt::CaseInsensitive) == 0)
            continue;
        head += name + ": " + value + "\r\n";
    }
    QByteArray payload;
    if (m_body)
        payload = m_body->readAll();
    if (m_body || !payload.isEmpty())
        head += "Content-Length: " + QByteArray::number(payload.size()) + "\r\n";
    head += "Connection: close\r\n\r\n";
    head += payload;
    m_socket->write(head);
    m_state = State::Head;
}

void HttpStreamReply::onSocketError()
{
    if (isFinished())
        return;
    const auto error = m_socket->error();
    if (error == QAbstractSocket::RemoteHostClosedError && m_state != State::Connecting) {
        // The end of a close-delimited body, or a cut; onDisconnected decides once the data
        // already received is read.
        onDisconnected();
        return;
    }
    fail(errorForSocket(error), m_socket->errorString());
}

void HttpStreamReply::onDisconnected()
{
    if (isFinished() || m_peerClosed)
        return;
    m_peerClosed = true;
    pump();
}

void HttpStreamReply::schedulePump()
{
    if (m_pumpScheduled || isFinished())
        return;
    m_pumpScheduled = true;
    QMetaObject::invokeMethod(this, &HttpStreamReply::pump, Qt::QueuedConnection);
}

void HttpStreamReply::pump()
{
    m_pumpScheduled = false;
    if (isFinished() || m_state == State::Connecting)
        return;
    const QPointer<HttpStreamReply> alive(this);
    const qint64 before = m_received;
    bool headDone = false;
    while (m_state != State::Done) {
        const qint64 available = m_socket->bytesAvailable();
        if (available <= 0)
            break;
        m_lastActivity.start();
        if (m_state == State::Head) {
            if (!readHead())
                return; // failed
            if (m_state != State::Head)
                headDone = true;
            continue;
        }
        // The body, read straight into the buffer the reader takes it from.
        qint64 room = m_readBufferSize > 0 ? m_readBufferSize - buffered() : MaxReadPerPass;
        if (room <= 0)
            break; // the reader is behind: leave the rest in the socket (and the kernel)
        qint64 want = std::min(available, room);
        if (m_mode == BodyMode::Length)
            want = std::min(want, m_contentLength - m_received);
        if (m_outPos > 0 && m_outPos >= m_out.size() / 2) {
            m_out.remove(0, m_outPos);
            m_outPos = 0;
        }
        const qsizetype from = m_out.size();
        m_out.resize(from + qsizetype(want));
        const qint64 got = m_socket->read(m_out.data() + from, want);
        if (got <= 0) {
            m_out.resize(from);
            break;
        }
        m_out.resize(from + qsizetype(got));
        if (m_mode == BodyMode::Chunked) {
            const qint64 payload = m_chunked.decode(m_out, from);
            if (payload < 0) {
                fail(ProtocolFailure, tr("The server sent a malformed chunked response body."));
                return;
            }
            m_received += payload;
            if (m_chunked.isDone())
                m_state = State::Done;
        } else {
            m_received += got;
            if (m_mode == BodyMode::Length && m_received >= m_contentLength)
                m_state = State::Done;
        }
    }
    if (headDone) {
        Q_EMIT metaDataChanged();
        if (!alive || isFinished())
            return;
    }
    if (m_received > before) {
        Q_EMIT downloadProgress(m_received, m_mode == BodyMode::Length ? m_contentLength : -1);
        if (!alive || isFinished())
            return;
        Q_EMIT readyRead();
        if (!alive || isFinished())
            return;
    }
    if (m_state == State::Done) {
        finishOk();
        return;
    }
    if (m_peerClosed && m_socket->bytesAvailable() <= 0)
        concludeAfterClose();
}

bool HttpStreamReply::readHead()
{
    // Read only up to the end of the head where possible: a peek finds it, so the body's bytes
    // stay in the socket to be read into the body buffer directly.
    char peekBuffer[4096];
    const qint64 peeked = m_socket->peek(peekBuffer, sizeof peekBuffer);
    if (peeked <= 0)
        return true;
    const qsizetype oldSize = m_head.size();
    m_head.append(peekBuffer, qsizetype(peeked));
    qsizetype headEnd = -1;
    const qsizetype bodyStart = findHeadEnd(m_head, oldSize - 3, &headEnd);
    const qsizetype consumed = bodyStart >= 0 ? bodyStart - oldSize : qsizetype(peeked);
    m_socket->skip(consumed);
    if (bodyStart < 0) {
        if (m_head.size() > MaxHeadBytes) {
            fail(ProtocolFailure, tr("The server sent a malformed response head."));
            return false;
        }
        return true;
    }
    m_head.resize(bodyStart);
    return parseHead(headEnd);
}

bool HttpStreamReply::parseHead(qsizetype headEnd)
{
    const auto malformed = [this] {
        fail(ProtocolFailure, tr("The server sent a malformed response head."));
        return false;
    };
    const auto head = parseResponseHead(QByteArrayView(m_head.constData(), headEnd));
    if (!head)
        return malformed();
    const int code = head->status;
    m_head.clear();
    if (code >= 100 && code < 200) {
        // An interim response (100 Continue, 103 Early Hints): the real one follows.
        return true;
    }

    m_contentLength = -1;
    bool chunked = false;
    bool ok = false;
    for (const auto &[name, value] : std::as_const(head->headers)) {
        setRawHeader(name, value);
        if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
            chunked = value.toLower().contains("chunked");
        } else if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
            const qint64 length = value.toLongLong(&ok);
            if (!ok || length < 0)
                return malformed();
            m_contentLength = length;
        }
    }
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute, code);
    setAttribute(QNetworkRequest::HttpReasonPhraseAttribute, head->reason);
    setAttribute(QNetworkRequest::Http2WasUsedAttribute, false);
    setAttribute(QNetworkRequest::ConnectionEncryptedAttribute,
                 request().url().scheme().compare(u"https"_s, Qt::CaseInsensitive) == 0);
    m_headerSeen = true;

    if (m_method == "HEAD" || code == 204 || code == 304) {
        m_mode = BodyMode::None;
        m_state = State::Done;
    } else if (chunked) {
        m_mode = BodyMode::Chunked;
        m_chunked = ChunkedDecoder();
        m_state = State::Body;
    } else if (m_contentLength >= 0) {
        m_mode = BodyMode::Length;
        m_state = m_contentLength == 0 ? State::Done : State::Body;
    } else {
        m_mode = BodyMode::UntilClose;
        m_state = State::Body;
    }
    return true;
}

void HttpStreamReply::concludeAfterClose()
{
    if (isFinished())
        return;
    if (m_state == State::Body && m_mode == BodyMode::UntilClose) {
        finishOk(); // a close-delimited body ends with the connection
        return;
    }
    if (m_state == State::Done) {
        finishOk();
        return;
    }
    // Closed before the response was complete: no head, a head cut short, or a body short of its
    // length or last chunk.
    const QString why = m_socket->error() == QAbstractSocket::RemoteHostClosedError
        ? m_socket->errorString()
        : tr("The server closed the connection before the response was complete.");
    fail(RemoteHostClosedError, why);
}

void HttpStreamReply::finishOk()
{
    if (isFinished())
        return;
    m_timer.stop();
    m_state = State::Done;
    if (m_headerSeen) {
        const int status = attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (const auto error = errorForStatus(status); error != NoError) {
            // As QNetworkAccessManager does: an error status is also a reply error, with the
            // body readable.
            fail(error,
                 tr("The server replied: %1 %2")
                     .arg(status)
                     .arg(QString::fromLatin1(
                         attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray())));
            return;
        }
    }
    m_socket->disconnect(this);
    m_socket->abort(); // one request per connection
    setFinished(true);
    const QPointer<HttpStreamReply> alive(this);
    Q_EMIT readChannelFinished();
    if (alive)
        Q_EMIT finished();
}

void HttpStreamReply::fail(NetworkError code, const QString &message)
{
    if (isFinished())
        return;
    m_timer.stop();
    m_socket->disconnect(this);
    m_socket->abort();
    m_state = State::Done;
    setError(code, message);
    setFinished(true);
    const QPointer<HttpStreamReply> alive(this);
    Q_EMIT errorOccurred(code);
    if (alive)
        Q_EMIT finished();
}

void HttpStreamReply::onTimerCheck()
{
    if (isFinished() || m_timeoutMs <= 0)
        return;
    const qint64 quiet = m_lastActivity.elapsed();
    if (quiet < m_timeoutMs) {
        m_timer.start(int(m_timeoutMs - quiet));
        return;
    }
    fail(TimeoutError, tr("No data arrived for %1 ms.").arg(m_timeoutMs));
}

void HttpStreamReply::abort()
{
    if (isFinished())
        return;
    fail(OperationCanceledError, tr("Operation canceled"));
}

void HttpStreamReply::close()
{
    abort();
    QNetworkReply::close();
}

qint64 HttpStreamReply::bytesAvailable() const
{
    return buffered() + QNetworkReply::bytesAvailable();
}

void HttpStreamReply::setReadBufferSize(qint64 size)
{
    m_readBufferSize = std::max<qint64>(0, size);
    // The socket's own buffer is bounded the same way, so that a reader that stops reading stops
    // the socket reading too and TCP makes the server wait.
    if (m_socket)
        m_socket->setReadBufferSize(m_readBufferSize);
    QNetworkReply::setReadBufferSize(size);
    schedulePump();
}

qint64 HttpStreamReply::readData(char *data, qint64 maxSize)
{
    const qint64 n = std::min<qint64>(maxSize, buffered());
    if (n <= 0)
        return isFinished() ? -1 : 0;
    std::memcpy(data, m_out.constData() + m_outPos, size_t(n));
    m_outPos += qsizetype(n);
    if (m_outPos == m_out.size()) {
        m_out.resize(0); // keeps the capacity for the next read
        m_outPos = 0;
    }
    // A reader that takes data is not a stalled transfer, even if the socket waited for it.
    m_lastActivity.start();
    if (!isFinished() && m_socket->bytesAvailable() > 0)
        schedulePump();
    return n;
}

#if QT_CONFIG(ssl)
void HttpStreamReply::sslConfigurationImplementation(QSslConfiguration &configuration) const
{
    if (auto *ssl = qobject_cast<QSslSocket *>(m_socket))
        configuration = ssl->sslConfiguration();
}
#endif

} // namespace Orkestr

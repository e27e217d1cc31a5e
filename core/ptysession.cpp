#include "core/ptysession.h"

#include "core/client.h"
#include "core/job.h"
#include "core/logging.h"
#include "core/redaction.h"
#include "core/sandboxjobs.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QUrlQuery>
#include <QWebSocket>

namespace Orkestr {

using namespace Qt::StringLiterals;

namespace {
// A plain GET of the pty's URL, which answers the refusal an upgrade got, with its body.
class PtyPreflightJob : public Job
{
public:
    PtyPreflightJob(const QString &path, const QString &query)
        : Job("GET", path)
    {
        setQuery(QUrlQuery(query));
    }

protected:
    ApiError onResponseFinished(const QByteArray &) override { return {}; }
};

// Qt WebSockets reports a refused upgrade only as text ("... Unhandled http status code: 409
// (Conflict)."): the status is the one number worth reading from it.
int handshakeStatus(const QString &socketMessage)
{
    static const QRegularExpression pattern(u"status code:? *(\\d{3})\\b"_s,
                                            QRegularExpression::CaseInsensitiveOption);
    const auto match = pattern.match(socketMessage);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}
} // namespace

PtySession::PtySession(Client *client, QString sandboxId, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_sandboxId(std::move(sandboxId))
{
    qRegisterMetaType<Orkestr::PtyExit>();
    qRegisterMetaType<Orkestr::ApiError>();
}

PtySession::~PtySession()
{
    if (m_socket) {
        // Going away ends the session: the server hangs the shell up (SIGHUP).
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void PtySession::open(const PtyOptions &options)
{
    if (m_state != State::Idle)
        return;
    m_state = State::Connecting;
    m_elapsed.start();
    m_size = QSize(options.cols, options.rows);
    m_sentSize = m_size;
    if (!m_client) {
        fail(ApiError::cancelled());
        return;
    }
    QUrlQuery query;
    query.addQueryItem(u"cols"_s, QString::number(options.cols));
    query.addQueryItem(u"rows"_s, QString::number(options.rows));
    if (!options.cwd.isEmpty())
        query.addQueryItem(u"cwd"_s, QString::fromLatin1(QUrl::toPercentEncoding(options.cwd, "/")));
    if (!options.command.isEmpty())
        query.addQueryItem(u"command"_s, QString::fromLatin1(QUrl::toPercentEncoding(options.command)));
    m_path = sandboxPath(m_sandboxId, u"/pty"_s);
    m_query = query.toString(QUrl::FullyEncoded);
    QUrl url = m_client->urlFor(m_path, query);
    // The same rules as every request: no token over plain http except to loopback.
    if (const auto refused = m_client->checkTransport(url); refused.isError()) {
        fail(refused);
        return;
    }
    m_resolvedToken = m_client->resolveToken(m_token);
    if (m_resolvedToken.isEmpty()) {
        fail(ApiError(ApiError::Kind::Auth, u"unauthorized"_s,
                      tr("No API token: set one in the connection profile or in ORKESTR_API_KEY.")));
        return;
    }
    url.setScheme(url.scheme().toLower() == u"https"_s ? u"wss"_s : u"ws"_s);

    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_resolvedToken.toUtf8());
    request.setHeader(QNetworkRequest::UserAgentHeader, m_client->userAgent());
    request.setTransferTimeout(int(m_client->timeout().count()));

    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setProxy(m_client->networkAccessManager()->proxy());
    connect(m_socket, &QWebSocket::connected, this, &PtySession::onConnected);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &bytes) {
        m_bytesReceived += bytes.size();
        Q_EMIT output(bytes);
    });
    connect(m_socket, &QWebSocket::textMessageReceived, this, &PtySession::onTextMessage);
    connect(m_socket, &QWebSocket::errorOccurred, this, &PtySession::onSocketError);
    connect(m_socket, &QWebSocket::disconnected, this, &PtySession::onDisconnected);
    qCDebug(lcCoreNetwork).noquote() << "pty open" << redacted(url.toString(), m_resolvedToken);
    m_socket->open(request);
}

void PtySession::onConnected()
{
    if (m_state != State::Connecting)
        return;
    m_state = State::Open;
    logRequest(101, QString());
    if (m_sentSize != m_size)
        resize(m_size.width(), m_size.height());
    Q_EMIT opened();
    if (!m_pendingInput.isEmpty())
        m_socket->sendBinaryMessage(std::exchange(m_pendingInput, {}));
}

void PtySession::write(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    if (m_state == State::Open)
        m_socket->sendBinaryMessage(bytes);
    else if (m_state == State::Connecting)
        m_pendingInput += bytes;
}

void PtySession::resize(int cols, int rows)
{
    if (cols <= 0 || rows <= 0)
        return;
    m_size = QSize(cols, rows);
    if (m_state != State::Open || m_sentSize == m_size)
        return;
    m_sentSize = m_size;
    m_socket->sendTextMessage(QString::fromUtf8(ptyResizeFrame(cols, rows)));
}

void PtySession::sendSignal(int signal)
{
    if (m_state == State::Open)
        m_socket->sendTextMessage(QString::fromUtf8(ptySignalFrame(signal)));
}

void PtySession::close()
{
    switch (m_state) {
    case State::Idle:
        m_state = State::Closed;
        Q_EMIT closed();
        return;
    case State::Connecting:
        m_socket->disconnect(this);
        m_socket->abort();
        fail(ApiError::cancelled());
        return;
    case State::Open:
        m_state = State::Closing;
        m_socket->close();
        return;
    case State::Closing:
    case State::Closed:
        return;
    }
}

void PtySession::onTextMessage(const QString &text)
{
    const PtyServerFrame frame = parsePtyServerFrame(text.toUtf8());
    switch (frame.type) {
    case PtyServerFrame::Type::Exit:
        if (m_exit)
            return;
        m_exit = frame.exit;
        Q_EMIT exited(frame.exit);
        return;
    case PtyServerFrame::Type::Unknown:
        return;
    case PtyServerFrame::Type::Invalid:
        qCWarning(lcCoreNetwork) << "pty: ignored a malformed text frame of" << text.size() << "characters";
        return;
    }
}

void PtySession::onSocketError()
{
    if (m_state != State::Connecting)
        return; // a lost connection ends in onDisconnected
    const QString message = redacted(m_socket->errorString(), m_resolvedToken);
    m_socket->disconnect(this);
    m_socket->abort();
    explainHandshakeFailure(handshakeStatus(message), message);
}

void PtySession::onDisconnected()
{
    if (m_state == State::Connecting) {
        onSocketError();
        return;
    }
    if (m_state == State::Open && !m_exit) {
        fail(ApiError::connectionError(tr("The terminal's connection was lost (%1).")
                                           .arg(redacted(m_socket->errorString(), m_resolvedToken))));
        return;
    }
    finish();
}

void PtySession::explainHandshakeFailure(int httpStatus, const QString &socketMessage)
{
    qCDebug(lcCoreNetwork).noquote() << "pty handshake failed:" << httpStatus << socketMessage;
    // Rate limited or failing server side: the status says enough, and another request would not help.
    if (httpStatus == 429 || httpStatus >= 500) {
        mapHandshakeStatus(httpStatus, socketMessage);
        return;
    }
    if (!m_client) {
        fail(ApiError::cancelled());
        return;
    }
    // The same URL without the upgrade: a server that implements the pty answers the refusal
    // with its JSON body (or 400 without a field when every check passes).
    auto *preflight = new PtyPreflightJob(m_path, m_query);
    preflight->setToken(m_token);
    preflight->whenFinished(this, [this, httpStatus, socketMessage](PtyPreflightJob *job) {
        const ApiError &answer = job->error();
        const bool explains = answer.isError() && answer.httpStatus() != 0 && !answer.type().isEmpty()
            && !(answer.httpStatus() == 400 && answer.field().isEmpty());
        if (explains && (httpStatus == 0 || answer.httpStatus() == httpStatus))
            fail(answer);
        else
            mapHandshakeStatus(httpStatus, socketMessage);
    });
    m_client->run(preflight);
}

void PtySession::mapHandshakeStatus(int httpStatus, const QString &socketMessage)
{
    switch (httpStatus) {
    case 401:
        fail(ApiError(ApiError::Kind::Auth, u"unauthorized"_s, tr("The server did not accept the API token."),
                      401));
        return;
    case 403:
        fail(ApiError(ApiError::Kind::Auth, u"forbidden"_s,
                      tr("This token may not open a terminal: it needs the sandboxes:write scope."), 403,
                      QString(), {{u"required_scope"_s, u"sandboxes:write"_s}}));
        return;
    case 404:
    case 409:
    case 0:
        break;
    default:
        fail(ApiError::fromResponse(httpStatus, {}, {}));
        return;
    }
    if (!m_client) {
        fail(ApiError::cancelled());
        return;
    }
    // The upgrade's answer has no readable body: the sandbox itself says what the 404 or 409 was.
    auto *lookup = new GetSandboxJob(m_sandboxId);
    lookup->setToken(m_token);
    lookup->then(
        this,
        [this, httpStatus, socketMessage](GetSandboxJob *job) {
            const Sandbox sandbox = job->sandbox();
            if (sandbox.status != Sandbox::Status::Running) {
                const QString status = Sandbox::statusToString(sandbox.status);
                fail(ApiError(ApiError::Kind::SandboxNotReady, u"sandbox_not_ready"_s,
                              tr("The sandbox is %1: a terminal needs it running.").arg(status), 409,
                              QString(), {{u"status"_s, status}}));
            } else if (httpStatus == 404) {
                fail(ApiError(ApiError::Kind::Orkestr, u"invalid_request"_s,
                              tr("This server has no interactive terminal (pty)."), 404));
            } else if (httpStatus == 409) {
                fail(ApiError::fromResponse(409, {}, {}));
            } else {
                fail(ApiError::connectionError(tr("The terminal could not connect: %1").arg(socketMessage)));
            }
        },
        [this, httpStatus, socketMessage](GetSandboxJob *job) {
            fail(httpStatus == 0 && job->error().kind() == ApiError::Kind::Connection
                     ? ApiError::connectionError(tr("The terminal could not connect: %1").arg(socketMessage))
                     : job->error());
        });
    m_client->run(lookup);
}

void PtySession::fail(ApiError error)
{
    if (m_state == State::Closed)
        return;
    error.redact(m_resolvedToken);
    if (m_state == State::Connecting)
        logRequest(error.httpStatus(), error.type());
    m_error = error;
    Q_EMIT failed(m_error);
    finish();
}

void PtySession::finish()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_pendingInput.clear();
    Q_EMIT closed();
}

void PtySession::logRequest(int httpStatus, const QString &errorType)
{
    if (!m_client)
        return;
    RequestLogEntry entry;
    entry.startedAt = QDateTime::currentDateTimeUtc().addMSecs(-m_elapsed.elapsed());
    entry.method = "GET";
    entry.path = m_path;
    entry.query = m_query;
    entry.httpStatus = httpStatus;
    entry.durationMs = m_elapsed.elapsed();
    entry.errorType = errorType;
    Q_EMIT m_client->requestLogged(entry);
}

} // namespace Orkestr

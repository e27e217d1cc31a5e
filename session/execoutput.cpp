#include "session/execoutput.h"

#include "core/assignandnotify.h"
#include "core/attachexecjob.h"
#include "core/client.h"
#include "session/logging.h"

using namespace Qt::StringLiterals;

namespace OrkestrSession {

qint64 utf8Size(QStringView text)
{
    qint64 size = 0;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        size += u < 0x80 ? 1 : u < 0x800 ? 2 : QChar::isSurrogate(u) ? 2 : 3;
    }
    return size;
}

ExecOutput::ExecOutput(Orkestr::Client *client, QString sandboxId, QString execId, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_sandboxId(std::move(sandboxId))
    , m_execId(std::move(execId))
{
}

ExecOutput::~ExecOutput()
{
    if (m_job)
        m_job->abort(); // detaches; the exec goes on
}

void ExecOutput::setState(State state)
{
    Orkestr::assignAndNotify(this, m_state, state, &ExecOutput::stateChanged);
}

void ExecOutput::attach()
{
    if (m_state == State::Attaching || m_state == State::Live)
        return;
    for (auto &stream : m_streams)
        stream = {};
    if (!m_pieces.isEmpty()) {
        m_pieces.clear();
        Q_EMIT cleared();
    }
    m_keptBytes = 0;
    m_exitCode.reset();
    m_durationMs.reset();
    m_endError = {};
    m_error = {};
    m_job
        = m_client->call<Orkestr::AttachExecJob>(m_sandboxId, m_execId, Orkestr::AttachExecJob::From::Start);
    m_job->setCollectOutput(false); // kept here, as pieces
    connect(m_job, &Orkestr::ExecOutputJob::chunk, this, &ExecOutput::onChunk);
    connect(m_job, &Orkestr::AttachExecJob::gap, this, &ExecOutput::onGap);
    connect(m_job, &Orkestr::Job::started, this, [this] { setState(State::Live); });
    m_job->then(
        this, [this](Orkestr::AttachExecJob *) { setState(State::Finished); },
        [this](Orkestr::AttachExecJob *job) { onFailed(job->error()); });
    setState(State::Attaching);
}

void ExecOutput::stop()
{
    if (!m_job)
        return;
    m_job->disconnect(this);
    m_job->abort();
    m_job = nullptr;
    if (m_state == State::Attaching || m_state == State::Live)
        setState(State::Idle);
}

void ExecOutput::onFailed(const Orkestr::ApiError &error)
{
    using Kind = Orkestr::ApiError::Kind;
    // How the exec ended is not a failure to attach.
    if (error.kind() == Kind::ExecTimeout || error.kind() == Kind::ExecKilled
        || error.type() == u"exec_lost") {
        m_endError = error;
        m_durationMs = error.durationMs() > 0 ? std::optional<qint64>(error.durationMs()) : std::nullopt;
        setState(State::Finished);
        return;
    }
    m_error = error;
    qCInfo(lcSession) << "attach to" << m_execId << "failed:" << error.type() << error.httpStatus()
                      << error.requestId();
    setState(error.isUnsupportedEndpoint() ? State::Unsupported : State::Failed);
}

void ExecOutput::onChunk(const Orkestr::ExecChunk &chunk)
{
    if (chunk.isFinal()) {
        m_exitCode = chunk.exitCode;
        m_durationMs = chunk.durationMs;
        return;
    }
    const bool isStderr = chunk.stream == u"stderr";
    Stream &stream = m_streams[isStderr ? 1 : 0];
    if (chunk.offset > stream.next) // output missing without a gap event: still say so
        onGap({chunk.stream, stream.next, chunk.offset});
    const qint64 size = utf8Size(chunk.data);
    stream.received += size;
    stream.next = chunk.offset + size;
    Piece piece;
    piece.kind = isStderr ? Piece::Kind::Stderr : Piece::Kind::Stdout;
    piece.text = chunk.data;
    piece.runs = stream.parser.feed(chunk.data);
    piece.offset = chunk.offset;
    m_keptBytes += size;
    append(std::move(piece));
    enforceBound();
}

void ExecOutput::onGap(const Orkestr::OutputGap &gap)
{
    Stream &stream = m_streams[gap.stream == u"stderr" ? 1 : 0];
    stream.next = std::max(stream.next, gap.to);
    // An escape sequence cut by the gap would swallow text after it.
    stream.parser.reset();
    Piece piece;
    piece.kind = Piece::Kind::Gap;
    piece.offset = gap.from;
    piece.gapBytes = gap.bytes();
    piece.gapStream = gap.stream;
    append(std::move(piece));
}

void ExecOutput::append(Piece piece)
{
    m_pieces.append(std::move(piece));
    Q_EMIT piecesAppended(int(m_pieces.size()) - 1, 1);
}

void ExecOutput::enforceBound()
{
    if (m_keptBytes <= m_maxBytes)
        return;
    // Down to three quarters, so that a long stream drops in batches rather than on every chunk.
    qint64 dropped = 0;
    int count = 0;
    while (count < m_pieces.size() - 1 && m_keptBytes > m_maxBytes / 4 * 3) {
        const Piece &piece = m_pieces.at(count);
        const qint64 size = piece.kind == Piece::Kind::Gap ? 0 : utf8Size(piece.text);
        m_keptBytes -= size;
        dropped += piece.kind == Piece::Kind::Gap && piece.gapStream.isEmpty() ? piece.gapBytes : size;
        ++count;
    }
    if (count == 0)
        return;
    m_pieces.remove(0, count);
    Piece gap;
    gap.kind = Piece::Kind::Gap;
    gap.gapBytes = dropped;
    m_pieces.prepend(std::move(gap));
    qCDebug(lcSession) << "output of" << m_execId << ": dropped" << count << "pieces beyond" << m_maxBytes
                       << "bytes";
    Q_EMIT piecesDropped(count);
}

QString ExecOutput::plainText(Streams streams) const
{
    QString text;
    for (const auto &piece : m_pieces) {
        if (piece.kind == Piece::Kind::Gap
            || (streams == Streams::Stdout && piece.kind != Piece::Kind::Stdout)
            || (streams == Streams::Stderr && piece.kind != Piece::Kind::Stderr))
            continue;
        for (const auto &run : piece.runs)
            text += run.text;
    }
    return text;
}

} // namespace OrkestrSession

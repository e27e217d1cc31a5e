#pragma once

#include "core/activity.h"
#include "core/apierror.h"
#include "core/sandbox.h"
#include "session/ansisgr.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <optional>

namespace Orkestr {
class AttachExecJob;
class Client;
} // namespace Orkestr

namespace OrkestrSession {

// The UTF-8 size of text: offsets of exec output on the wire count UTF-8 bytes.
qint64 utf8Size(QStringView text);

// The output of one exec as the Activity view shows it: attached from the start (the retained
// output, then live output while it runs), kept as pieces tagged stdout or stderr in the order the
// process wrote them, each also as styled runs (ANSI SGR; each stream has its own parser, so a
// sequence cut between two chunks of a stream is completed). Output the server no longer held is
// a Gap piece. Attaching never affects the exec; stop() detaches.
//
// Memory is bounded: beyond maxBytes() of kept text the oldest pieces are dropped (a gap is noted
// in their place, piecesDropped() tells the view).
class ExecOutput : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Idle,
        Attaching, // the request is under way
        Live, // output arrives (retained first, then live)
        Finished, // the exec ended: exitCode() or endError() say how
        Failed, // the attach failed: error()
        Unsupported, // the server cannot attach (a 404 from an older server)
    };
    Q_ENUM(State)

    struct Piece
    {
        enum class Kind { Stdout, Stderr, Gap };
        Kind kind = Kind::Stdout;
        QString text; // as the process wrote it (escapes included); empty for a gap
        QList<AnsiRun> runs; // the text as styled runs, escapes removed
        qint64 offset = 0; // of the text in its stream, or where the gap starts
        qint64 gapBytes = 0; // Gap: bytes left out
        QString gapStream; // Gap: stdout or stderr ("" for output dropped here, see maxBytes)
    };

    static constexpr qint64 DefaultMaxBytes = 32ll * 1024 * 1024;

    ExecOutput(Orkestr::Client *client, QString sandboxId, QString execId, QObject *parent = nullptr);
    ~ExecOutput() override;

    QString sandboxId() const { return m_sandboxId; }
    QString execId() const { return m_execId; }

    // Attaches from the start; again after an end or failure (the pieces start over).
    void attach();
    // Detaches (the exec goes on).
    void stop();

    State state() const { return m_state; }
    const QList<Piece> &pieces() const { return m_pieces; }
    // Bytes received per stream (UTF-8), gaps not counted.
    qint64 stdoutBytes() const { return m_streams[0].received; }
    qint64 stderrBytes() const { return m_streams[1].received; }
    // After Finished: the exit code of an exec that exited; nothing for one that timed out, was
    // killed or was lost (endError() then says which).
    std::optional<int> exitCode() const { return m_exitCode; }
    std::optional<qint64> durationMs() const { return m_durationMs; }
    const Orkestr::ApiError &endError() const { return m_endError; }
    // After Failed or Unsupported.
    const Orkestr::ApiError &error() const { return m_error; }

    qint64 maxBytes() const { return m_maxBytes; }
    void setMaxBytes(qint64 bytes) { m_maxBytes = bytes; }

    // The output as text, escapes removed; both streams interleaved, or one.
    enum class Streams { Both, Stdout, Stderr };
    QString plainText(Streams streams = Streams::Both) const;

Q_SIGNALS:
    void stateChanged(OrkestrSession::ExecOutput::State state);
    // Pieces [first, first + count) were added.
    void piecesAppended(int first, int count);
    // Pieces [0, count) were removed for the memory bound, and one Gap piece (gapStream empty,
    // gapBytes what was dropped in all) put first in their place.
    void piecesDropped(int count);
    // Every piece was forgotten (attach() again).
    void cleared();

private:
    struct Stream
    {
        AnsiSgrParser parser;
        qint64 received = 0;
        qint64 next = 0; // the offset expected next
    };

    void setState(State state);
    void onChunk(const Orkestr::ExecChunk &chunk);
    void onGap(const Orkestr::OutputGap &gap);
    void onFailed(const Orkestr::ApiError &error);
    void append(Piece piece);
    void enforceBound();

    Orkestr::Client *m_client;
    QString m_sandboxId;
    QString m_execId;
    State m_state = State::Idle;
    QPointer<Orkestr::AttachExecJob> m_job;
    QList<Piece> m_pieces;
    Stream m_streams[2];
    qint64 m_keptBytes = 0; // UTF-16 size of the text kept
    qint64 m_maxBytes = DefaultMaxBytes;
    std::optional<int> m_exitCode;
    std::optional<qint64> m_durationMs;
    Orkestr::ApiError m_endError;
    Orkestr::ApiError m_error;
};

} // namespace OrkestrSession

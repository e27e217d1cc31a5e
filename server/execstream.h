#pragma once

#include "server/apiserver.h"
#include "server/execrunner.h"

#include <QIODevice>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace OrkestrLocal {

// The body of an exec stream: server-sent events already framed as HTTP/1.1 chunks (the HTTP
// server copies a sequential device verbatim and adds no framing of its own). The HTTP server
// reads it only as the socket drains, so its buffer is bounded and backpressure reaches the pipe.
class SseDevice : public QIODevice
{
    Q_OBJECT
public:
    explicit SseDevice(QObject *parent = nullptr);

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_buffer.size() + QIODevice::bytesAvailable(); }
    bool atEnd() const override
    {
        return m_finished && m_buffer.isEmpty() && QIODevice::bytesAvailable() == 0;
    }

    void appendEvent(const QByteArray &event); // one complete SSE event or comment
    void finish(); // the last chunk
    qint64 buffered() const { return m_buffer.size(); }

Q_SIGNALS:
    void drained(); // the HTTP server took bytes: there may be room for more

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_buffer;
    bool m_finished = false;
};

// Answers the call with a server-sent-events body from a new SseDevice (the HTTP server's from
// now on) and arms keepalive: a `: keepalive` after 15 s of silence (restart it after each event).
SseDevice *startEventStream(ApiCall &call, QTimer &keepalive, int keepaliveMs = 15000);

// Length of the end of data that starts a UTF-8 sequence which is not complete yet.
qsizetype incompleteUtf8Tail(const QByteArray &data);
// One `output` event of an exec stream (also of an attach): bytes that do not split a UTF-8
// sequence, escaped straight into the event.
QByteArray outputEvent(OutputStream stream, qint64 offset, const QByteArray &bytes);

// POST /exec/stream: the runner's output as SSE events while the socket drains. It answers the
// call itself and deletes itself once the command has ended and the stream is done. Keepalives
// go on while the sandbox is paused.
class ExecStream : public QObject, public ExecSink
{
    Q_OBJECT
public:
    static constexpr qint64 MaxBuffered = 256 * 1024;

    explicit ExecStream(std::shared_ptr<ApiCall> call, QObject *parent = nullptr);
    ExecRunner &runner() { return m_runner; }

    bool hasRoom() const override;
    void started() override;
    void output(OutputStream stream, const QByteArray &bytes) override;
    void endOfOutput(OutputStream stream) override;
    void finished(const ExecOutcome &outcome) override;

private:
    struct Stream
    {
        QByteArray pending; // an incomplete UTF-8 sequence held back for the next chunk
        qint64 offset = 0;
    };
    Stream &stream(OutputStream which) { return which == OutputStream::Stdout ? m_stdout : m_stderr; }
    void emitEvent(const QByteArray &event, const QJsonObject &data);
    void emitOutput(OutputStream stream, const QByteArray &bytes);

    std::shared_ptr<ApiCall> m_call;
    QPointer<SseDevice> m_device;
    ExecRunner m_runner;
    Stream m_stdout;
    Stream m_stderr;
    QTimer m_keepalive;
    bool m_done = false;
};

} // namespace OrkestrLocal

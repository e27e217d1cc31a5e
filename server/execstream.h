#pragma once

#include "server/apiserver.h"
#include "server/childprocess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QIODevice>
#include <QPointer>
#include <QProcess>
#include <QSocketNotifier>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace OrkestrLocal {

// Kills a process and everything below it (sandboxmanager.cpp).
void killTree(qint64 pid);

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

// A file answered as the JSON of GET /files, base64-encoded chunk by chunk while the socket
// drains, so a 256 MiB file never sits in memory whole. Not sequential: its size is known, so
// the answer has a Content-Length.
class Base64JsonFile : public QIODevice
{
    Q_OBJECT
public:
    // fd is open for reading (SandboxFs::openForReading); the device owns it from here on.
    Base64JsonFile(int fd, const QString &sandboxPath, QObject *parent = nullptr);
    bool openFile(QString *error);
    qint64 fileSize() const { return m_fileSize; }

    bool isSequential() const override { return false; }
    qint64 size() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QFile m_file;
    QByteArray m_prefix;
    QByteArray m_suffix = "\"}";
    qint64 m_fileSize = 0;
    qint64 m_base64Size = 0;
};

// One streamed exec: the process's stdout and stderr pipes are read with raw descriptors, and
// only while the device's buffer has room.
class ExecStream : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 MaxBuffered = 256 * 1024;

    ExecStream(std::shared_ptr<ApiCall> call, QObject *parent = nullptr);
    ~ExecStream() override;

    struct PolicyViolation
    {
        QString host;
        quint16 port = 0;
    };
    // Asked once the command has ended: a host the network policy refused meanwhile turns the
    // last event into an error event network_policy.
    void setPolicyCheck(std::function<std::optional<PolicyViolation>()> check)
    {
        m_policyCheck = std::move(check);
    }

    // Starts program with arguments; answers the call with the stream or with an error.
    void start(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment,
               double timeoutSeconds, const ChildSetup &setup = {});

private:
    struct Pipe
    {
        int fd = -1;
        QSocketNotifier *notifier = nullptr;
        QByteArray pending; // an incomplete UTF-8 sequence held back for the next chunk
        qint64 offset = 0;
        bool eof = false;
    };
    void readPipe(Pipe &pipe, const QString &name);
    void pump();
    void maybeFinish();
    void emitEvent(const QByteArray &event, const QJsonObject &data);
    void emitOutput(const QString &stream, const QByteArray &bytes, qint64 offset);

    std::shared_ptr<ApiCall> m_call;
    std::function<std::optional<PolicyViolation>()> m_policyCheck;
    QPointer<SseDevice> m_device;
    QProcess m_process;
    Pipe m_stdout;
    Pipe m_stderr;
    QTimer m_timeout;
    QTimer m_keepalive;
    QElapsedTimer m_elapsed;
    qint64 m_lastEventMs = 0;
    bool m_timedOut = false;
    bool m_exited = false;
    bool m_done = false;
};

} // namespace OrkestrLocal

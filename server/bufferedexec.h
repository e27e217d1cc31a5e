#pragma once

#include "server/apiserver.h"
#include "server/execrunner.h"

#include <memory>

namespace OrkestrLocal {

// POST /exec: the runner's output held in memory and answered whole once the command has ended.
// Past 64 MiB the command is killed (the stream endpoint has no such limit). It deletes itself
// once it has answered.
class BufferedExec : public QObject, public ExecSink
{
    Q_OBJECT
public:
    static constexpr qint64 MaxOutput = 64LL * 1024 * 1024;

    explicit BufferedExec(std::shared_ptr<ApiCall> call, QObject *parent = nullptr);
    ExecRunner &runner() { return m_runner; }

    void output(OutputStream stream, const QByteArray &bytes) override;
    void finished(const ExecOutcome &outcome) override;

private:
    std::shared_ptr<ApiCall> m_call;
    ExecRunner m_runner;
    QByteArray m_stdout;
    QByteArray m_stderr;
};

} // namespace OrkestrLocal

#include "server/bufferedexec.h"

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

BufferedExec::BufferedExec(std::shared_ptr<ApiCall> call, QObject *parent)
    : QObject(parent)
    , m_call(std::move(call))
    , m_runner(*this, this)
{
}

void BufferedExec::output(OutputStream stream, const QByteArray &bytes)
{
    (stream == OutputStream::Stdout ? m_stdout : m_stderr) += bytes;
    if (m_stdout.size() + m_stderr.size() > MaxOutput)
        m_runner.killForOutputLimit();
}

void BufferedExec::finished(const ExecOutcome &outcome)
{
    deleteLater();
    QString out = QString::fromUtf8(m_stdout);
    QString err = QString::fromUtf8(m_stderr);
    m_stdout.clear();
    m_stderr.clear();
    if (outcome.isResult()) {
        m_call->sendJson(200,
                         {{u"stdout"_s, out},
                          {u"stderr"_s, err},
                          {u"exit_code"_s, outcome.exitCode},
                          {u"duration_ms"_s, outcome.durationMs}});
        return;
    }
    auto problem = outcome.problem();
    if (outcome.kind == ExecOutcome::Kind::OutputLimit) {
        out.truncate(1024 * 1024);
        err.truncate(1024 * 1024);
    }
    if (outcome.kind != ExecOutcome::Kind::FailedToStart) {
        problem.extra.insert(u"stdout"_s, out);
        problem.extra.insert(u"stderr"_s, err);
    }
    m_call->sendProblem(problem);
}

} // namespace OrkestrLocal

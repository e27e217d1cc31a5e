#pragma once

#include "core/activity.h"
#include "core/execoutputjob.h"

namespace Orkestr {

// GET /v1/sandboxes/{id}/execs/{exec_id}/stream: the output of an exec, running or finished,
// decoded exactly as ExecStreamJob's (chunk(), then the final chunk or the exec's error), with
// the read scope and without affecting the process. From the start, the retained output comes
// first (a gap() per stream whose beginning was dropped), then live output while it runs; from
// live, only what comes after attaching. Aborting it never stops the process.
class AttachExecJob : public ExecOutputJob
{
    Q_OBJECT
public:
    enum class From { Start, Live };

    AttachExecJob(const QString &sandboxId, const QString &execId, From from = From::Start,
                  QObject *parent = nullptr);

    QString execId() const { return m_execId; }
    // The gaps received, in order.
    QList<OutputGap> gaps() const { return m_gaps; }

Q_SIGNALS:
    // Output the server no longer held: bytes [from, to) of one stream; output after it follows.
    void gap(const Orkestr::OutputGap &gap);

protected:
    ApiError handleOtherEvent(const SseEvent &event) override;
    QString cutShortConsequence() const override;

private:
    QString m_execId;
    QList<OutputGap> m_gaps;
};

} // namespace Orkestr

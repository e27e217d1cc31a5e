#include "session/sandboxactions.h"

#include "core/client.h"
#include "core/sandboxjobs.h"
#include "session/logging.h"
#include "session/prompter.h"
#include "session/sandboxpoller.h"
#include "session/sandboxstore.h"
#include "session/session.h"

#include <QPointer>

#include <memory>

namespace OrkestrSession {

using namespace Qt::StringLiterals;
using Orkestr::Sandbox;

int SandboxActions::Result::failures() const
{
    return int(std::count_if(outcomes.cbegin(), outcomes.cend(),
                             [](const Outcome &outcome) { return outcome.error.isError(); }));
}

QString SandboxActions::Result::summary() const
{
    const QString done = action == Action::Pause ? SandboxActions::tr("Paused")
        : action == Action::Resume               ? SandboxActions::tr("Resumed")
                                                 : SandboxActions::tr("Terminated");
    QString text = SandboxActions::tr("%1 %2 of %3.").arg(done).arg(successes()).arg(outcomes.size());
    for (const auto &outcome : outcomes) {
        if (outcome.error.isError())
            text += u'\n' + SandboxActions::tr("%1: %2").arg(outcome.sandboxId, outcome.error.displayText());
    }
    return text;
}

SandboxActions::SandboxActions(Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    qRegisterMetaType<OrkestrSession::SandboxActions::Result>();
}

QStringList SandboxActions::applicable(Action action, const QStringList &ids) const
{
    QStringList result;
    for (const auto &id : ids) {
        const Sandbox *sandbox = m_session->sandboxes()->find(id);
        if (!sandbox)
            continue;
        if ((action == Action::Pause && sandbox->canPause())
            || (action == Action::Resume && sandbox->canResume())
            || (action == Action::Terminate && !sandbox->isFinal()))
            result.append(id);
    }
    return result;
}

bool SandboxActions::pauseFitsQuota(qsizetype count) const
{
    if (!m_session->hasAccount())
        return true;
    const auto &account = m_session->account();
    return count <= account.snapshots.cap - account.snapshots.used;
}

bool SandboxActions::canRun(Action action, const QStringList &ids) const
{
    if (m_session->isReadOnly() || isBusy())
        return false;
    const auto targets = applicable(action, ids);
    return !targets.isEmpty() && (action != Action::Pause || pauseFitsQuota(targets.size()));
}

QList<Sandbox> SandboxActions::pausedOldestFirst() const
{
    QList<Sandbox> paused;
    for (const auto &sandbox : m_session->sandboxes()->sandboxes()) {
        if (sandbox.canResume())
            paused.append(sandbox);
    }
    std::sort(paused.begin(), paused.end(),
              [](const Sandbox &a, const Sandbox &b) { return a.pausedAt < b.pausedAt; });
    return paused;
}

void SandboxActions::run(Action action, const QStringList &ids)
{
    if (m_session->isReadOnly())
        return; // nothing in a read-only session sends a write request
    const QStringList targets = applicable(action, ids);
    if (targets.isEmpty())
        return;
    if (action != Action::Terminate) {
        send(action, targets);
        return;
    }
    if (!m_prompter)
        return;
    Question question;
    question.title = tr("Terminate sandboxes");
    question.text = targets.size() == 1
        ? tr("Terminate %1? Its processes stop and its files are deleted.").arg(targets.first())
        : tr("Terminate %n sandboxes? Their processes stop and their files are deleted.", nullptr,
             int(targets.size()));
    question.acceptLabel = tr("Terminate");
    question.destructive = true;
    m_prompter->confirm(question, [self = QPointer(this), targets](bool accepted) {
        // The answer may come much later: the policy and the sandboxes are checked again.
        if (!accepted || !self || self->m_session->isReadOnly())
            return;
        const QStringList still = self->applicable(Action::Terminate, targets);
        if (!still.isEmpty())
            self->send(Action::Terminate, still);
    });
}

void SandboxActions::send(Action action, const QStringList &ids)
{
    qCInfo(lcSession) << "running" << action << "on" << ids.size() << "sandboxes";
    auto result = std::make_shared<Result>();
    result->action = action;
    auto remaining = std::make_shared<int>(int(ids.size()));
    ++m_running;
    Q_EMIT started(action, int(ids.size()));
    Orkestr::Client *client = m_session->client();
    for (const auto &id : ids) {
        Orkestr::SandboxJob *job = nullptr;
        switch (action) {
        case Action::Pause:
            job = client->call<Orkestr::PauseSandboxJob>(id);
            break;
        case Action::Resume:
            job = client->call<Orkestr::ResumeSandboxJob>(id);
            break;
        case Action::Terminate:
            job = client->call<Orkestr::TerminateSandboxJob>(id);
            break;
        }
        job->then(this, [this](Orkestr::SandboxJob *done) {
            m_session->sandboxes()->updateSandbox(done->sandbox());
        });
        job->whenFinished(this, [this, id, result, remaining](Orkestr::SandboxJob *done) {
            result->outcomes.append({id, done->error()});
            if (--*remaining > 0)
                return;
            --m_running;
            qCInfo(lcSession) << result->action << "done:" << result->successes() << "of"
                              << result->outcomes.size();
            Q_EMIT finished(*result);
            // Pause, resume and terminate change the snapshot quota and usage, and the list.
            m_session->refreshAccount();
            m_session->sandboxes()->poller()->refreshNow();
            for (const auto &outcome : std::as_const(result->outcomes)) {
                if (outcome.error.kind() == Orkestr::ApiError::Kind::SnapshotCapReached) {
                    Q_EMIT snapshotCapReached(outcome.error);
                    break;
                }
            }
        });
    }
}

} // namespace OrkestrSession

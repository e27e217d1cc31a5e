#include "session/activityexport.h"

#include "core/activityjobs.h"
#include "core/attachexecjob.h"
#include "core/client.h"
#include "session/activityhtml.h"
#include "session/activitytext.h"
#include "session/execoutput.h"
#include "session/exportfilewriter.h"
#include "session/logging.h"
#include "session/terminalcommand.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;
using Orkestr::ActivityEvent;

namespace OrkestrSession {

ActivityExport::ActivityExport(Orkestr::Client *client, QString sandboxId, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_sandboxId(std::move(sandboxId))
{
}

ActivityExport::~ActivityExport()
{
    if (m_job)
        m_job->abort();
}

QString ActivityExport::errorText() const
{
    return m_fileError.isEmpty() ? m_error.displayText() : m_fileError;
}

void ActivityExport::start(const QString &fileName, Format format)
{
    if (m_state == State::Running)
        return;
    m_format = format;
    m_error = {};
    m_fileError.clear();
    m_afterSeq = m_latestSeq = m_events = 0;
    m_execIds.clear();
    m_commands.clear();
    m_envKeys.clear();
    m_execsDone = 0;
    if (!m_writer) {
        m_writer = new ExportFileWriter(this);
        connect(m_writer, &ExportFileWriter::failed, this,
                [this](const QString &message) { fail({}, message); });
        connect(m_writer, &ExportFileWriter::committed, this, [this] {
            if (m_state == State::Running)
                finish(State::Finished);
        });
        connect(m_writer, &ExportFileWriter::written, this, [this](qint64 pending) {
            // The disk caught up: read on.
            if (m_job && m_job->isReceivePaused() && pending < MaxPendingBytes / 4)
                m_job->setReceivePaused(false);
        });
    }
    m_state = State::Running;
    m_writer->open(fileName);
    if (m_format == Format::Html)
        write(ActivityHtml::begin(m_sandboxId, QDateTime::currentDateTimeUtc()));
    fetchEvents();
}

void ActivityExport::cancel()
{
    if (m_state != State::Running)
        return;
    m_state = State::Cancelled; // before the abort: the job's end is then not acted on
    if (m_job)
        m_job->abort();
    m_writer->cancel();
    finish(State::Cancelled);
}

void ActivityExport::write(const QByteArray &bytes)
{
    m_writer->write(bytes);
    if (m_job && m_writer->pendingBytes() > MaxPendingBytes)
        m_job->setReceivePaused(true); // until the disk catches up
}

void ActivityExport::emitProgress()
{
    const qint64 execs = m_format == Format::Html ? m_execIds.size() : 0;
    Q_EMIT progress(m_events + m_execsDone, std::max(m_latestSeq, m_events) + execs);
}

void ActivityExport::fetchEvents()
{
    Orkestr::ListEventsParams params;
    params.afterSeq = m_afterSeq;
    params.limit = m_pageSize;
    auto *pageJob = m_client->call<Orkestr::ListEventsJob>(m_sandboxId, params);
    m_job = pageJob;
    pageJob->then(
        this,
        [this](Orkestr::ListEventsJob *job) {
            if (m_state != State::Running)
                return;
            m_latestSeq = job->latestSeq();
            const auto events = job->events();
            writeEvents(events);
            if (!events.isEmpty())
                m_afterSeq = events.last().seq;
            emitProgress();
            if (job->hasMore() && !events.isEmpty()) {
                fetchEvents();
            } else if (m_format == Format::Ndjson) {
                complete();
            } else {
                write(ActivityHtml::endTimeline(m_events, m_execIds.size()));
                nextExec();
            }
        },
        [this](Orkestr::ListEventsJob *job) { fail(job->error()); });
}

void ActivityExport::writeEvents(const QList<ActivityEvent> &events)
{
    QByteArray bytes;
    for (const auto &event : events) {
        if (m_format == Format::Ndjson) {
            bytes += QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact);
            bytes += '\n';
            continue;
        }
        if (event.knownKind() == ActivityEvent::Kind::ExecStarted) {
            m_execIds.append(event.execId());
            const QString command = TerminalCommand::commandTyped(event.command());
            m_commands.insert(event.execId(),
                              event.mode() == u"pty" ? ActivityText::interactiveShell(command) : command);
            m_envKeys.insert(event.execId(), event.envKeys());
        }
        bytes += ActivityHtml::eventRow(event, m_commands.value(event.execId()));
    }
    m_events += events.size();
    write(bytes);
}

void ActivityExport::nextExec()
{
    if (m_execsDone == m_execIds.size()) {
        write(ActivityHtml::end());
        complete();
        return;
    }
    const QString execId = m_execIds.at(m_execsDone);
    auto *recordJob = m_client->call<Orkestr::GetExecJob>(m_sandboxId, execId);
    m_job = recordJob;
    recordJob->then(
        this,
        [this](Orkestr::GetExecJob *job) {
            if (m_state == State::Running)
                attachExec(job->record());
        },
        [this, execId](Orkestr::GetExecJob *job) {
            if (m_state != State::Running)
                return;
            // One exec that cannot be read does not spoil the report.
            Orkestr::ExecRecord record;
            record.execId = execId;
            record.command = m_commands.value(execId);
            write(ActivityHtml::beginExec(record, m_envKeys.value(execId)));
            endExec(job->error().displayText());
        });
}

void ActivityExport::attachExec(const Orkestr::ExecRecord &record)
{
    write(ActivityHtml::beginExec(record, m_envKeys.value(record.execId)));
    m_attach = {};
    if (record.isRunning()) {
        m_attach.until[0] = record.stdoutBytes;
        m_attach.until[1] = record.stderrBytes;
        if (record.stdoutBytes == 0 && record.stderrBytes == 0) {
            endExec(tr("Still running when the report was made; no output yet."));
            return;
        }
    }
    auto *attachJob = m_client->call<Orkestr::AttachExecJob>(m_sandboxId, record.execId);
    m_job = attachJob;
    attachJob->setCollectOutput(false);
    connect(attachJob, &Orkestr::ExecOutputJob::chunk, this, &ActivityExport::onOutput);
    connect(attachJob, &Orkestr::AttachExecJob::gap, this, [this](const Orkestr::OutputGap &gap) {
        const int index = gap.stream == u"stderr" ? 1 : 0;
        m_attach.reached[index] = std::max(m_attach.reached[index], gap.to);
        m_attach.parsers[index].reset();
        write(ActivityHtml::outputGap(gap.stream, gap.bytes()));
    });
    attachJob->whenFinished(this, [this](Orkestr::AttachExecJob *job) {
        if (m_state != State::Running)
            return;
        if (m_attach.stoppedEarly)
            endExec(tr("Still running when the report was made."));
        else if (job->status() == Orkestr::Job::Status::Succeeded)
            endExec(tr("Exited with code %1 after %2.")
                        .arg(job->exitCode())
                        .arg(ActivityText::duration(job->durationMs())));
        else
            endExec(job->error().displayText());
    });
}

void ActivityExport::onOutput(const Orkestr::ExecChunk &chunk)
{
    if (chunk.isFinal() || m_state != State::Running)
        return;
    const int index = chunk.stream == u"stderr" ? 1 : 0;
    write(ActivityHtml::output(m_attach.parsers[index].feed(chunk.data), index == 1));
    m_attach.reached[index] = chunk.offset + utf8Size(chunk.data);
    // A running exec: stop at what it had written when the report started on it.
    const bool running = m_attach.until[0] >= 0;
    if (running && m_attach.reached[0] >= m_attach.until[0] && m_attach.reached[1] >= m_attach.until[1]
        && !m_attach.stoppedEarly) {
        m_attach.stoppedEarly = true;
        m_job->abort();
    }
}

void ActivityExport::endExec(const QString &ending)
{
    write(ActivityHtml::endExec(ending));
    ++m_execsDone;
    emitProgress();
    nextExec();
}

void ActivityExport::complete()
{
    m_job = nullptr;
    m_writer->commit(); // committed() finishes
}

void ActivityExport::fail(const Orkestr::ApiError &error, const QString &fileMessage)
{
    if (m_state != State::Running)
        return;
    m_state = State::Failed;
    m_error = error;
    m_fileError = fileMessage;
    qCInfo(lcSession) << "export of" << m_sandboxId << "failed:" << error.type() << error.requestId()
                      << fileMessage;
    if (m_job)
        m_job->abort();
    m_writer->cancel();
    finish(State::Failed);
}

void ActivityExport::finish(State state)
{
    m_state = state;
    m_job = nullptr;
    if (state == State::Finished)
        emitProgress();
    Q_EMIT finished(state);
}

} // namespace OrkestrSession

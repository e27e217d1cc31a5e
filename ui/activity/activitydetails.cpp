#include "ui/activity/activitydetails.h"

#include "core/activityjobs.h"
#include "core/client.h"
#include "core/filejobs.h"
#include "session/activitystore.h"
#include "session/activitytext.h"
#include "session/execoutput.h"
#include "session/sandboxstore.h"
#include "session/session.h"
#include "session/terminalcommand.h"
#include "ui/activity/eventdetails.h"
#include "ui/activity/execdetails.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QtConcurrentRun>

namespace OrkestrUi {

using namespace Qt::StringLiterals;
using Orkestr::ActivityEvent;
using Orkestr::ExecRecord;
using OrkestrSession::ActivityText;
using OrkestrSession::ExecOutput;

namespace {

QString when(const QDateTime &time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), u"yyyy-MM-dd HH:mm:ss.zzz"_s) : QString();
}

QString parentOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    return slash <= 0 ? u"/"_s : path.left(slash);
}

// Writes text to a file away from the GUI thread; an empty result is success, else the error.
QString writeFile(const QString &path, const QString &text)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return file.errorString();
    file.write(text.toUtf8());
    return file.commit() ? QString() : file.errorString();
}

} // namespace

ActivityDetails::ActivityDetails(OrkestrSession::Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_stack(new QStackedWidget(this))
    , m_placeholder(new QLabel(tr("Select an event to see what happened."), m_stack))
    , m_exec(new ExecDetails(m_stack))
    , m_event(new EventDetails(m_stack))
{
    setObjectName(u"activityDetails"_s);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setObjectName(u"activityDetailsPlaceholder"_s);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_exec);
    m_stack->addWidget(m_event);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_exec, &ExecDetails::saveOutputRequested, this, &ActivityDetails::saveOutput);
    connect(m_exec, &ExecDetails::runAgainRequested, this, [this] {
        if (m_store && !m_readOnly && !m_exec->command().isEmpty())
            Q_EMIT runRequested(m_store->sandboxId(), m_exec->command(), m_exec->fieldText(u"cwd"_s));
    });
    connect(m_event, &EventDetails::openFileRequested, this, [this](const QString &path) {
        if (m_store)
            Q_EMIT openFileRequested(m_store->sandboxId(), path);
    });
}

ActivityDetails::~ActivityDetails()
{
    detach();
}

void ActivityDetails::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    // Running again is a write (exec needs sandboxes:write); a read-only token sees the rest.
    m_exec->setRunAgainAllowed(!readOnly);
}

void ActivityDetails::detach()
{
    if (m_output) {
        m_output->stop();
        delete m_output;
        m_output = nullptr;
    }
    m_execId.clear();
    if (m_fileCheck)
        m_fileCheck->abort();
}

void ActivityDetails::setEvent(const std::shared_ptr<OrkestrSession::ActivityStore> &store,
                               const std::optional<ActivityEvent> &event)
{
    if (store != m_store) {
        if (m_store)
            disconnect(m_store.get(), nullptr, this, nullptr);
        m_store = store;
        if (m_store) {
            connect(m_store.get(), &OrkestrSession::ActivityStore::execRecordChanged, this,
                    [this](const QString &execId) {
                        if (execId == m_execId)
                            fillExecFields();
                    });
        }
    }
    if (!event || !m_store) {
        detach();
        m_stack->setCurrentWidget(m_placeholder);
        return;
    }
    if (event->family() == u"exec"_s && !event->execId().isEmpty()) {
        showExec(*event);
        return;
    }
    detach();
    switch (event->knownKind()) {
    case ActivityEvent::Kind::FileWritten:
    case ActivityEvent::Kind::FileDeleted:
        showFileEvent(*event);
        break;
    case ActivityEvent::Kind::NetworkDenied:
        showNetworkDenied(*event);
        break;
    case ActivityEvent::Kind::RequestFailed:
        showRequestFailed(*event);
        break;
    default:
        showOtherEvent(*event);
        break;
    }
    m_stack->setCurrentWidget(m_event);
}

void ActivityDetails::showExec(const ActivityEvent &event)
{
    m_stack->setCurrentWidget(m_exec);
    if (event.execId() == m_execId)
        return;
    detach();
    m_execId = event.execId();
    // The env keys and cwd are in the exec.started event (the record has no env keys).
    m_envKeys.clear();
    m_startedCwd.clear();
    m_startedInteractive = false;
    if (const auto started = m_store->execStarted(m_execId)) {
        m_envKeys = started->envKeys();
        m_startedCwd = started->cwd();
        m_startedInteractive = started->mode() == u"pty";
    }
    m_exec->clearFields();
    m_store->requestExecRecord(m_execId);
    fillExecFields();
    attachOutput();
}

void ActivityDetails::fillExecFields()
{
    const ExecRecord *record = m_store ? m_store->execRecord(m_execId) : nullptr;
    const QString command = record && !record->command.isEmpty()
        ? OrkestrSession::TerminalCommand::commandTyped(record->command)
        : m_store->execCommand(m_execId);
    // An interactive shell's input is never recorded: nothing to copy or run again.
    const bool interactive = m_startedInteractive || (record && record->mode == u"pty");
    m_exec->setCommand(interactive ? QString() : command);
    if (interactive)
        m_exec->setField(u"command"_s, ActivityText::interactiveShell(command));
    m_exec->setRunAgainAllowed(!m_readOnly && !interactive);
    m_exec->setField(u"cwd"_s, record && !record->cwd.isEmpty() ? record->cwd : m_startedCwd);
    m_exec->setField(u"env_keys"_s, m_envKeys.isEmpty() ? tr("none") : m_envKeys.join(u", "_s));
    if (!record) {
        m_exec->setField(u"status"_s, tr("loading…"));
        return;
    }
    m_exec->setField(u"actor"_s, ActivityText::actor(record->actor, m_store->ownTokenPrefix()));
    m_exec->setField(u"started"_s, when(record->startedAt));
    m_exec->setField(u"finished"_s, record->isRunning() ? tr("still running") : when(record->finishedAt));
    QString status;
    const QString took = record->durationMs ? ActivityText::duration(*record->durationMs) : QString();
    switch (record->status) {
    case ExecRecord::Status::Running:
        status = tr("running");
        break;
    case ExecRecord::Status::Exited:
        status = tr("exit %1 in %2").arg(record->exitCode.value_or(-1)).arg(took);
        break;
    case ExecRecord::Status::Timeout:
        status = tr("timed out after %1").arg(took);
        break;
    case ExecRecord::Status::Killed:
        status = record->signal ? tr("killed by signal %1").arg(*record->signal) : tr("killed");
        break;
    case ExecRecord::Status::Lost:
        status = tr("lost (the server restarted while it ran)");
        break;
    case ExecRecord::Status::Unknown:
        status = record->statusText;
        break;
    }
    m_exec->setField(u"status"_s, status);
}

void ActivityDetails::attachOutput()
{
    m_output = new ExecOutput(m_session->client(), m_store->sandboxId(), m_execId, this);
    connect(m_output, &ExecOutput::piecesAppended, this, &ActivityDetails::onPiecesAppended);
    connect(m_output, &ExecOutput::stateChanged, this, &ActivityDetails::onOutputState);
    m_exec->setSaveEnabled(false);
    m_output->attach();
}

void ActivityDetails::onPiecesAppended(int first, int count)
{
    const auto &pieces = m_output->pieces();
    ExecOutputView *view = m_exec->output();
    for (int i = first; i < first + count && i < pieces.size(); ++i) {
        const ExecOutput::Piece &piece = pieces.at(i);
        switch (piece.kind) {
        case ExecOutput::Piece::Kind::Stdout:
            view->appendRuns(piece.runs, ExecOutputView::Stream::Stdout);
            break;
        case ExecOutput::Piece::Kind::Stderr:
            view->appendRuns(piece.runs, ExecOutputView::Stream::Stderr);
            break;
        case ExecOutput::Piece::Kind::Gap:
            view->appendNote(tr("… %1 of %2 no longer kept …")
                                 .arg(ActivityText::size(piece.gapBytes),
                                      piece.gapStream.isEmpty() ? tr("output") : piece.gapStream));
            break;
        }
    }
    m_exec->setSaveEnabled(true);
}

void ActivityDetails::onOutputState()
{
    ExecOutputView *view = m_exec->output();
    switch (m_output->state()) {
    case ExecOutput::State::Finished:
        m_exec->setSaveEnabled(true);
        if (m_output->exitCode())
            view->appendNote(tr("exit %1").arg(*m_output->exitCode()));
        else if (m_output->endError().isError())
            view->appendNote(m_output->endError().displayText());
        m_store->requestExecRecord(m_execId);
        break;
    case ExecOutput::State::Failed:
        view->appendNote(tr("The output could not be fetched: %1").arg(m_output->error().displayText()));
        break;
    case ExecOutput::State::Unsupported:
        view->appendNote(tr("This server does not keep the output of commands."));
        break;
    default:
        break;
    }
}

void ActivityDetails::saveOutput()
{
    if (!m_output)
        return;
    const QString suggested = m_execId + u".txt"_s;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save output"), suggested);
    if (path.isEmpty() || !m_output)
        return;
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, path] {
        const QString error = watcher->result();
        watcher->deleteLater();
        Q_EMIT message(error.isEmpty() ? tr("Saved the output to %1").arg(QFileInfo(path).fileName())
                                       : tr("Could not save the output: %1").arg(error));
    });
    watcher->setFuture(QtConcurrent::run(writeFile, path, m_output->plainText()));
}

void ActivityDetails::showFileEvent(const ActivityEvent &event)
{
    const QString path = event.path();
    const bool written = event.knownKind() == ActivityEvent::Kind::FileWritten;
    m_event->setTitle(written ? tr("File written") : tr("File deleted"));
    QList<std::pair<QString, QString>> fields {
        {tr("Path"), path},
        {tr("By"), ActivityText::actor(event.actor, m_store->ownTokenPrefix())},
        {tr("At"), when(event.at)}};
    if (const auto size = event.size())
        fields.append({tr("Size"), ActivityText::size(*size)});
    m_event->setFields(fields);
    m_event->setRequestId({});
    m_event->setFile(path, false);
    m_event->setExplanation(tr("Looking for the file…"));
    // Whether the file is still there: its directory's listing says.
    const auto sandbox = m_session->sandboxes()->sandbox(m_store->sandboxId());
    if (!sandbox || !sandbox->isRunning()) {
        m_event->setExplanation(tr("The sandbox is not running: its files cannot be opened now."));
        return;
    }
    m_fileCheck = m_session->client()->call<Orkestr::ListFilesJob>(m_store->sandboxId(), parentOf(path));
    connect(m_fileCheck, &Orkestr::Job::finished, this, [this, path, job = m_fileCheck.data()] {
        const QString name = path.mid(path.lastIndexOf(u'/') + 1);
        const auto entries = job->entries();
        const bool exists = !job->error().isError()
            && std::any_of(entries.cbegin(), entries.cend(), [&](const Orkestr::FileEntry &entry) {
                   return entry.name == name && !entry.isDir;
               });
        m_event->setFile(path, exists);
        m_event->setExplanation(exists ? QString() : tr("The file is gone: it was deleted or moved since."));
    });
}

void ActivityDetails::showNetworkDenied(const ActivityEvent &event)
{
    const QString target = event.port() ? u"%1:%2"_s.arg(event.host()).arg(*event.port()) : event.host();
    m_event->setTitle(tr("Connection refused by the network policy"));
    QList<std::pair<QString, QString>> fields {{tr("To"), target}, {tr("At"), when(event.at)}};
    if (const QString execId = event.execId(); !execId.isEmpty()) {
        const QString command = m_store->execCommand(execId);
        fields.append({tr("Command"), command.isEmpty() ? execId : command});
    }
    const auto sandbox = m_session->sandboxes()->sandbox(m_store->sandboxId());
    const QString network = sandbox ? sandbox->network : QString();
    fields.append({tr("Network"), network.isEmpty() ? tr("unknown") : network});
    m_event->setFields(fields);
    m_event->setFile({}, false);
    m_event->setRequestId({});
    if (network == u"off"_s)
        m_event->setExplanation(tr("This sandbox has no network (network \"off\"): every connection is "
                                   "refused. A sandbox created with network \"restricted\" or \"open\" "
                                   "could reach %1.")
                                    .arg(event.host()));
    else if (network == u"restricted"_s)
        m_event->setExplanation(tr("This sandbox's network is \"restricted\": it reaches only the hosts on "
                                   "its server's allow-list, through the server's proxy. %1 is not on that "
                                   "list. The list is the server's setting (orkestr-local --allow-hosts); "
                                   "ask whoever runs the server to add the host, or use a sandbox with "
                                   "network \"open\".")
                                    .arg(event.host()));
    else
        m_event->setExplanation(tr("The server's network policy refused the connection to %1.").arg(target));
}

void ActivityDetails::showRequestFailed(const ActivityEvent &event)
{
    const QString method = event.data.value(u"method"_s).toString();
    m_event->setTitle(tr("Request failed"));
    m_event->setFields({
        {tr("Request"), u"%1 %2"_s.arg(method, event.path())},
        {tr("Status"), QString::number(event.httpStatus().value_or(0))},
        {tr("Error"), event.errorType()},
        {tr("Request id"), event.requestId()},
        {tr("By"), ActivityText::actor(event.actor, m_store->ownTokenPrefix())},
        {tr("At"), when(event.at)},
    });
    m_event->setFile({}, false);
    m_event->setRequestId(event.requestId());
    m_event->setExplanation(tr("The server refused this request. Quote the request id to support: it "
                               "finds the request in the server's log."));
}

void ActivityDetails::showOtherEvent(const ActivityEvent &event)
{
    m_event->setTitle(ActivityText::summary(event));
    QList<std::pair<QString, QString>> fields {
        {tr("Kind"), event.kind},
        {tr("By"), ActivityText::actor(event.actor, m_store->ownTokenPrefix())},
        {tr("At"), when(event.at)}};
    for (auto it = event.data.constBegin(); it != event.data.constEnd(); ++it) {
        const QJsonValue value = it.value();
        if (value.isString() || value.isDouble() || value.isBool())
            fields.append({it.key(), value.toVariant().toString()});
    }
    m_event->setFields(fields);
    m_event->setFile({}, false);
    m_event->setRequestId({});
    m_event->setExplanation({});
}

} // namespace OrkestrUi

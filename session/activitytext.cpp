#include "session/activitytext.h"

#include <QLocale>

using namespace Qt::StringLiterals;
using Orkestr::ActivityEvent;
using Orkestr::ExecRecord;
using Kind = Orkestr::ActivityEvent::Kind;

namespace OrkestrSession {

namespace {

QString commandOrId(const ActivityEvent &event, const QString &command)
{
    if (!command.isEmpty())
        return command;
    if (const QString own = event.command(); !own.isEmpty())
        return own;
    return event.execId();
}

} // namespace

ActivityText::Family ActivityText::familyOf(const QString &kind)
{
    const QString prefix = ActivityEvent::familyOf(kind);
    if (prefix == u"sandbox")
        return Family::Sandbox;
    if (prefix == u"exec")
        return Family::Exec;
    if (prefix == u"file")
        return Family::File;
    if (prefix == u"network")
        return Family::Network;
    if (prefix == u"process")
        return Family::Process;
    if (prefix == u"request")
        return Family::Request;
    return Family::Other;
}

ActivityText::Family ActivityText::family(const ActivityEvent &event)
{
    return familyOf(event.kind);
}

QString ActivityText::familyName(Family family)
{
    switch (family) {
    case Family::Sandbox:
        return u"sandbox"_s;
    case Family::Exec:
        return u"exec"_s;
    case Family::File:
        return u"file"_s;
    case Family::Network:
        return u"network"_s;
    case Family::Process:
        return u"process"_s;
    case Family::Request:
        return u"request"_s;
    case Family::Other:
        break;
    }
    return u"other"_s;
}

QString ActivityText::duration(qint64 ms)
{
    const QLocale locale;
    if (ms < 1000)
        return tr("%1 ms").arg(locale.toString(ms));
    if (ms < 60 * 1000)
        return tr("%1 s").arg(locale.toString(double(ms) / 1000.0, 'f', 1));
    const qint64 seconds = ms / 1000;
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(locale.toString(seconds / 60), locale.toString(seconds % 60));
    return tr("%1 h %2 min").arg(locale.toString(seconds / 3600), locale.toString(seconds / 60 % 60));
}

QString ActivityText::size(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1);
}

QString ActivityText::actor(const Orkestr::Actor &actor)
{
    if (actor.isToken())
        return actor.tokenName.isEmpty() ? actor.tokenPrefix : actor.tokenName;
    if (actor.isSystem())
        return tr("system: %1").arg(actor.reason);
    return actor.typeText;
}

static QString execEnd(const ActivityEvent &event)
{
    const auto ms = event.durationMs();
    const QString took = ms ? ActivityText::duration(*ms) : QString();
    switch (event.execStatus()) {
    case ExecRecord::Status::Exited:
        return took.isEmpty() ? ActivityText::tr("exit %1").arg(event.exitCode().value_or(0))
                              : ActivityText::tr("exit %1 in %2").arg(event.exitCode().value_or(0)).arg(took);
    case ExecRecord::Status::Timeout:
        return ActivityText::tr("timed out after %1").arg(took);
    case ExecRecord::Status::Killed:
        if (const auto signal = event.signal())
            return ActivityText::tr("killed by signal %1 after %2").arg(*signal).arg(took);
        return ActivityText::tr("killed after %1").arg(took);
    case ExecRecord::Status::Lost:
        return ActivityText::tr("lost when the server restarted");
    case ExecRecord::Status::Running:
    case ExecRecord::Status::Unknown:
        break;
    }
    return event.data.value(u"status"_s).toString();
}

QString ActivityText::summary(const ActivityEvent &event, const QString &command)
{
    const QJsonObject &data = event.data;
    switch (event.knownKind()) {
    case Kind::SandboxCreated:
        return tr("created from %1 in %2")
            .arg(data.value(u"template"_s).toString(), data.value(u"region"_s).toString());
    case Kind::SandboxPaused: {
        const qint64 snapshot = qint64(data.value(u"snapshot_bytes"_s).toDouble());
        return tr("paused (snapshot %1, %2)").arg(size(snapshot), duration(event.durationMs().value_or(0)));
    }
    case Kind::SandboxResumed:
        return tr("resumed (%1)").arg(duration(event.durationMs().value_or(0)));
    case Kind::SandboxTerminated: {
        const QString reason = event.reason();
        QString text = reason == u"timeout" ? tr("terminated: timed out")
            : reason == u"error"            ? tr("terminated after an error")
                                            : tr("terminated");
        if (const QString detail = event.detail(); !detail.isEmpty())
            text = tr("%1: %2").arg(text, detail);
        return text;
    }
    case Kind::SandboxFailed:
        return event.detail().isEmpty() ? tr("failed") : tr("failed: %1").arg(event.detail());
    case Kind::ExecStarted:
        if (event.mode() == u"pty")
            return tr("terminal opened: %1").arg(commandOrId(event, command));
        return tr("ran %1").arg(commandOrId(event, command));
    case Kind::ExecFinished:
        return tr("%1 → %2").arg(commandOrId(event, command), execEnd(event));
    case Kind::FileWritten:
        return tr("wrote %1 (%2)").arg(event.path(), size(event.size().value_or(0)));
    case Kind::FileDeleted:
        return data.value(u"recursive"_s).toBool() ? tr("deleted %1 and its contents").arg(event.path())
                                                   : tr("deleted %1").arg(event.path());
    case Kind::NetworkDenied:
        return tr("network denied: %1:%2").arg(event.host()).arg(event.port().value_or(0));
    case Kind::ProcessSignalled:
        return tr("signal %1 to process %2 (%3)")
            .arg(event.signal().value_or(0))
            .arg(qint64(data.value(u"pid"_s).toDouble()))
            .arg(event.command());
    case Kind::RequestFailed:
        return tr("%1 %2 → %3 %4 (%5)")
            .arg(data.value(u"method"_s).toString(), event.path())
            .arg(event.httpStatus().value_or(0))
            .arg(event.errorType(), event.requestId());
    case Kind::Unknown:
        break;
    }
    return event.kind;
}

QString ActivityText::iconName(const ActivityEvent &event)
{
    switch (event.knownKind()) {
    case Kind::SandboxCreated:
        return u"list-add"_s;
    case Kind::SandboxPaused:
        return u"media-playback-pause"_s;
    case Kind::SandboxResumed:
        return u"media-playback-start"_s;
    case Kind::SandboxTerminated:
        return event.isFailure() ? u"dialog-error"_s : u"application-exit"_s;
    case Kind::SandboxFailed:
        return u"dialog-error"_s;
    case Kind::ExecStarted:
        return u"utilities-terminal"_s;
    case Kind::ExecFinished:
        return event.isFailure() ? u"dialog-error"_s : u"emblem-default"_s;
    case Kind::FileWritten:
        return u"document-save"_s;
    case Kind::FileDeleted:
        return u"edit-delete"_s;
    case Kind::NetworkDenied:
        return u"network-error"_s;
    case Kind::ProcessSignalled:
        return u"process-stop"_s;
    case Kind::RequestFailed:
        return u"dialog-warning"_s;
    case Kind::Unknown:
        break;
    }
    return u"dialog-information"_s;
}

QString ActivityText::searchText(const ActivityEvent &event, const QString &command)
{
    QStringList parts;
    for (const QString &part : {command, event.command(), event.path(), event.host(), event.execId(),
                                event.requestId(), event.errorType(), event.detail()}) {
        if (!part.isEmpty())
            parts.append(part);
    }
    return parts.join(u'\n').toCaseFolded();
}

} // namespace OrkestrSession

#include "session/activitytext.h"

#include "session/terminalcommand.h"

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
    if (const QString own = TerminalCommand::commandTyped(event.command()); !own.isEmpty())
        return own;
    return event.execId();
}

} // namespace

namespace {

struct FamilyName
{
    ActivityText::Family family;
    QStringView name; // the kinds' prefix on the wire
};
constexpr FamilyName FamilyNames[] = {
    {ActivityText::Family::Sandbox, u"sandbox"}, {ActivityText::Family::Exec, u"exec"},
    {ActivityText::Family::File, u"file"},       {ActivityText::Family::Network, u"network"},
    {ActivityText::Family::Process, u"process"}, {ActivityText::Family::Request, u"request"},
};

// Icons of the kinds when nothing failed; a failure has its own (see iconName()).
struct KindIcon
{
    Kind kind;
    QStringView icon;
};
constexpr KindIcon KindIcons[] = {
    {Kind::SandboxCreated, u"list-add"},
    {Kind::SandboxPaused, u"media-playback-pause"},
    {Kind::SandboxResumed, u"media-playback-start"},
    {Kind::SandboxTerminated, u"application-exit"},
    {Kind::ExecStarted, u"utilities-terminal"},
    {Kind::ExecFinished, u"emblem-default"},
    {Kind::FileWritten, u"document-save"},
    {Kind::FileDeleted, u"edit-delete"},
    {Kind::ProcessSignalled, u"process-stop"},
};

} // namespace

ActivityText::Family ActivityText::familyOf(const QString &kind)
{
    const QString prefix = ActivityEvent::familyOf(kind);
    for (const auto &entry : FamilyNames) {
        if (entry.name == prefix)
            return entry.family;
    }
    return Family::Other;
}

ActivityText::Family ActivityText::family(const ActivityEvent &event)
{
    return familyOf(event.kind);
}

QString ActivityText::familyName(Family family)
{
    for (const auto &entry : FamilyNames) {
        if (entry.family == family)
            return entry.name.toString();
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

QString ActivityText::interactiveShell(const QString &command)
{
    return command.isEmpty() ? tr("interactive shell") : tr("interactive shell (%1)").arg(command);
}

QString ActivityText::actor(const Orkestr::Actor &actor, const QString &ownTokenPrefix)
{
    if (actor.isToken()) {
        const QString name = actor.tokenName.isEmpty() ? actor.tokenPrefix : actor.tokenName;
        if (!ownTokenPrefix.isEmpty() && actor.tokenPrefix == ownTokenPrefix)
            return tr("You (%1)").arg(name);
        return name;
    }
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
            return tr("opened %1").arg(command.isEmpty() ? interactiveShell(event.command()) : command);
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
    return iconName(event.knownKind(), event.isFailure());
}

QString ActivityText::iconName(Kind kind, bool failure)
{
    if (failure) {
        if (kind == Kind::RequestFailed)
            return u"dialog-warning"_s;
        return kind == Kind::NetworkDenied ? u"network-error"_s : u"dialog-error"_s;
    }
    for (const auto &entry : KindIcons) {
        if (entry.kind == kind)
            return entry.icon.toString();
    }
    return u"dialog-information"_s;
}

} // namespace OrkestrSession

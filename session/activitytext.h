#pragma once

#include "core/activity.h"

#include <QCoreApplication>
#include <QString>

namespace OrkestrSession {

// The words of the Activity timeline, shared by the model and the export: one-line summaries
// ("python main.py → exit 1 in 412 ms", "wrote /workspace/out.csv (2.6 KiB)"), who did it, the
// icon of a kind, durations and sizes in the user's locale.
class ActivityText
{
    Q_DECLARE_TR_FUNCTIONS(OrkestrSession::ActivityText)
public:
    // The families of kinds a timeline filters by; Other for a kind a newer server added.
    enum class Family : quint8 { Sandbox, Exec, File, Network, Process, Request, Other };
    static Family family(const Orkestr::ActivityEvent &event);
    static Family familyOf(const QString &kind);
    static QString familyName(Family family); // the wire prefix: "exec"; "other"

    // `command` is the exec's command for exec.finished (its data does not carry it): from the
    // exec.started event or the exec record; empty when not known (the exec id is shown then).
    static QString summary(const Orkestr::ActivityEvent &event, const QString &command = {});
    // How an exec of mode pty is named where a command would be: its input is never recorded, so
    // there is no command to copy or run again ("interactive shell (bash -l)").
    static QString interactiveShell(const QString &command);
    // The token's name, else its prefix; "system: timeout" for the system. The session's own token
    // (`ownTokenPrefix`, from the account) is "You (name)".
    static QString actor(const Orkestr::Actor &actor, const QString &ownTokenPrefix = {});
    // A freedesktop icon name for the kind (the view may map it to its own icons); a failed
    // exec.finished gets an error icon.
    static QString iconName(const Orkestr::ActivityEvent &event);
    static QString iconName(Orkestr::ActivityEvent::Kind kind, bool failure);

    // "412 ms", "1.2 s", "3 min 5 s", "2 h 10 min".
    static QString duration(qint64 ms);
    // "2.6 KiB" (QLocale::formattedDataSize).
    static QString size(qint64 bytes);
};

} // namespace OrkestrSession

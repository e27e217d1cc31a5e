#include "core/process.h"

#include "core/jsonfields.h"
#include "core/sandbox.h"

namespace Orkestr {

using namespace Qt::StringLiterals;

ProcessInfo ProcessInfo::fromJson(const QJsonObject &object)
{
    ProcessInfo process;
    process.pid = object.value(u"pid"_s).toInteger();
    process.ppid = object.value(u"ppid"_s).toInteger();
    process.command = object.value(u"command"_s).toString();
    process.state = object.value(u"state"_s).toString();
    process.cpuPercent = object.value(u"cpu_percent"_s).toDouble();
    process.memoryBytes = object.value(u"memory_bytes"_s).toInteger();
    process.startedAt = dateTimeFromJson(object.value(u"started_at"_s));
    process.execId = object.value(u"exec_id"_s).toString();
    return process;
}

QJsonObject ProcessInfo::toJson() const
{
    return {{u"pid"_s, pid},
            {u"ppid"_s, ppid},
            {u"command"_s, command},
            {u"state"_s, state},
            {u"cpu_percent"_s, cpuPercent},
            {u"memory_bytes"_s, memoryBytes},
            {u"started_at"_s, dateTimeToJson(startedAt)},
            {u"exec_id"_s, stringOrNull(execId)}};
}

ProcessList ProcessList::fromJson(const QJsonObject &object)
{
    return {listFromJson<ProcessInfo>(object.value(u"processes"_s))};
}

QJsonObject ProcessList::toJson() const
{
    return {{u"processes"_s, listToJson(processes)}};
}

} // namespace Orkestr

#include "core/process.h"

#include "core/jsonfields.h"

namespace Orkestr {

using namespace Qt::StringLiterals;

namespace {
constexpr auto ProcessFields = std::tuple {
    JsonField {u"pid", &ProcessInfo::pid},
    JsonField {u"ppid", &ProcessInfo::ppid},
    JsonField {u"command", &ProcessInfo::command},
    JsonField {u"state", &ProcessInfo::state},
    JsonField {u"cpu_percent", &ProcessInfo::cpuPercent},
    JsonField {u"memory_bytes", &ProcessInfo::memoryBytes},
    JsonField {u"started_at", &ProcessInfo::startedAt},
    JsonField {u"exec_id", &ProcessInfo::execId, EmptyString::AsNull},
};
} // namespace

ORKESTR_WIRE_VALUE_FIELDS(ProcessInfo, ProcessFields)

ProcessList ProcessList::fromJson(const QJsonObject &object)
{
    return {listFromJson<ProcessInfo>(object.value(u"processes"_s))};
}

QJsonObject ProcessList::toJson() const
{
    return {{u"processes"_s, listToJson(processes)}};
}

} // namespace Orkestr

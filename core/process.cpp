#include "core/process.h"

#include "core/wirefields.h"

namespace Orkestr {

using namespace Qt::StringLiterals;

ORKESTR_WIRE_VALUE_FIELDS(ProcessInfo, ProcessInfoFields)

ProcessList ProcessList::fromJson(const QJsonObject &object)
{
    return {listFromJson<ProcessInfo>(object.value(u"processes"_s))};
}

QJsonObject ProcessList::toJson() const
{
    return {{u"processes"_s, listToJson(processes)}};
}

} // namespace Orkestr

#include "server/execactor.h"

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

Actor execActor(Journal &journal, const QString &sandboxId, const QString &execId,
                const QString &fallbackReason)
{
    const auto record = execId.isEmpty() ? std::nullopt : journal.exec(sandboxId, execId);
    if (!record)
        return Actor::system(fallbackReason);
    const QJsonObject actor = record->value(u"actor"_s).toObject();
    if (actor.value(u"type"_s).toString() != u"token"_s)
        return Actor::system(actor.value(u"reason"_s).toString(fallbackReason));
    return {
        u"token"_s, actor.value(u"token_prefix"_s).toString(), actor.value(u"token_name"_s).toString(), {}};
}

} // namespace OrkestrLocal

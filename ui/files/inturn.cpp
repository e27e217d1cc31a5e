#include "ui/files/inturn.h"

#include <memory>
#include <optional>

namespace OrkestrUi {

namespace {
void runFrom(std::shared_ptr<const QList<AnsweredStep>> steps, qsizetype index,
             std::function<void(bool)> done)
{
    for (; index < steps->size(); ++index) {
        auto later = std::make_shared<bool>(false);
        const bool doneNow = steps->at(index)([steps, index, done, later](bool ok) {
            if (!ok)
                done(false);
            else if (*later) // answered after the step returned: go on from the next one
                runFrom(steps, index + 1, done);
        });
        if (!doneNow) {
            *later = true;
            return;
        }
    }
    done(true);
}
} // namespace

bool runInTurn(QList<AnsweredStep> steps, std::function<void(bool ok)> done)
{
    auto result = std::make_shared<std::optional<bool>>();
    runFrom(std::make_shared<const QList<AnsweredStep>>(std::move(steps)), 0,
            [result, done = std::move(done)](bool ok) {
                *result = ok;
                if (done)
                    done(ok);
            });
    return result->value_or(false);
}

} // namespace OrkestrUi

#pragma once

#include <QObject>

namespace Orkestr {

// The setter of an observable value: stores `value` in `field` and emits `changed(value)` from
// `object`, only when the value differs. Returns whether it changed.
template<typename Object, typename Value, typename... SignalArgs>
bool assignAndNotify(Object *object, Value &field, const Value &value, void (Object::*changed)(SignalArgs...))
{
    if (field == value)
        return false;
    field = value;
    Q_EMIT(object->*changed)(value);
    return true;
}

} // namespace Orkestr

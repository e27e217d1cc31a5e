#include "ui/activity/neweventsmarker.h"

#include <QAbstractScrollArea>
#include <QEvent>

namespace OrkestrUi {

using namespace Qt::StringLiterals;

NewEventsMarker::NewEventsMarker(QAbstractScrollArea *area)
    : QPushButton(area)
    , m_area(area)
{
    setObjectName(u"newEventsMarker"_s);
    setAccessibleName(tr("Jump to the newest events"));
    setToolTip(tr("New events arrived while you were reading; click to jump to the newest"));
    setCursor(Qt::PointingHandCursor);
    setFocusPolicy(Qt::TabFocus);
    hide();
    area->installEventFilter(this);
    connect(this, &QPushButton::clicked, this, &NewEventsMarker::jumpRequested);
}

void NewEventsMarker::setCount(int count)
{
    m_count = count;
    if (count <= 0) {
        hide();
        return;
    }
    setText(tr("↓ %n new event(s)", nullptr, count));
    place();
    show();
    raise();
}

bool NewEventsMarker::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_area && event->type() == QEvent::Resize && isVisible())
        place();
    return QPushButton::eventFilter(watched, event);
}

void NewEventsMarker::place()
{
    adjustSize();
    const QRect viewport = m_area->viewport()->geometry();
    move(viewport.center().x() - width() / 2, viewport.bottom() - height() - 8);
}

} // namespace OrkestrUi

#pragma once

#include <QPushButton>

class QAbstractScrollArea;

namespace OrkestrUi {

// The "N new events" pill over the bottom of a list that follows live: while the user has
// scrolled away from the newest rows, new rows do not move the list; they are counted here
// instead, and a click (or Enter) asks to jump to the newest. Hidden while the count is 0.
class NewEventsMarker : public QPushButton
{
    Q_OBJECT
public:
    // Floats over `area`'s viewport, bottom centre, and follows its size.
    explicit NewEventsMarker(QAbstractScrollArea *area);

    void setCount(int count);
    int count() const { return m_count; }

Q_SIGNALS:
    void jumpRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void place();

    QAbstractScrollArea *m_area;
    int m_count = 0;
};

} // namespace OrkestrUi

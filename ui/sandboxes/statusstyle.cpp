#include "ui/sandboxes/statusstyle.h"

#include <QGuiApplication>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>

namespace OrkestrUi::StatusStyle {

using Status = Orkestr::Sandbox::Status;

QColor warningColor()
{
    const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    return dark ? QColor(0xff, 0x8a, 0x50) : QColor(0xc4, 0x3d, 0x00);
}

QColor color(Status status)
{
    switch (status) {
    case Status::Running:
        return QColor(0x2e, 0xa0, 0x43);
    case Status::Starting:
    case Status::Resuming:
    case Status::Pausing:
        return QColor(0x3b, 0x82, 0xf6);
    case Status::Paused:
        return QColor(0xe0, 0xa0, 0x00);
    case Status::Failed:
        return QColor(0xdc, 0x3c, 0x3c);
    case Status::Terminated:
    case Status::Unknown:
        break;
    }
    return QColor(0x8a, 0x8f, 0x98);
}

QIcon icon(Status status)
{
    static QHash<int, QIcon> cache;
    if (const auto it = cache.constFind(int(status)); it != cache.cend())
        return *it;
    QIcon result;
    for (int size : {16, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const QColor fill = color(status);
        painter.setPen(QPen(fill.darker(150), size / 16.0));
        painter.setBrush(fill);
        const QRectF box(size * 0.15, size * 0.15, size * 0.7, size * 0.7);
        // Shape as well as colour, so the status reads without colour vision too.
        switch (status) {
        case Status::Paused:
            painter.drawRect(QRectF(box.left(), box.top(), box.width() * 0.35, box.height()));
            painter.drawRect(
                QRectF(box.left() + box.width() * 0.65, box.top(), box.width() * 0.35, box.height()));
            break;
        case Status::Failed: {
            QPainterPath triangle;
            triangle.moveTo(box.center().x(), box.top());
            triangle.lineTo(box.right(), box.bottom());
            triangle.lineTo(box.left(), box.bottom());
            triangle.closeSubpath();
            painter.drawPath(triangle);
            break;
        }
        case Status::Terminated:
        case Status::Unknown:
            painter.drawRect(box);
            break;
        default:
            painter.drawEllipse(box);
            break;
        }
        painter.end();
        result.addPixmap(pixmap);
    }
    cache.insert(int(status), result);
    return result;
}

} // namespace OrkestrUi::StatusStyle

#include "ui/terminal/screentext.h"

#include <qtermwidget.h>

#include <QBuffer>

namespace OrkestrUi {

QStringList screenLines(QTermWidget *terminal)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    terminal->saveHistory(&buffer);
    QStringList lines = QString::fromUtf8(buffer.data()).split(u'\n');
    for (QString &line : lines) {
        while (line.endsWith(u' '))
            line.chop(1);
    }
    while (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines;
}

} // namespace OrkestrUi

// svg2png: renders an SVG file to a square PNG of the given size with Qt's SVG image plugin,
// for the application icon's hicolor PNGs (installer/CMakeLists.txt, target orkestr-icons).
//
//   svg2png INPUT.svg SIZE OUTPUT.png
//   svg2png --compare INPUT.svg SIZE EXISTING.png   exit 0 when EXISTING is that rendering
//                                                   (each channel within 3 of 255)

#include <QGuiApplication>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace {

// Largest difference of one colour channel between two images of the same size, or 256.
int largestDifference(const QImage &a, const QImage &b)
{
    if (a.size() != b.size())
        return 256;
    const QImage first = a.convertToFormat(QImage::Format_ARGB32);
    const QImage second = b.convertToFormat(QImage::Format_ARGB32);
    int largest = 0;
    for (int y = 0; y < first.height(); ++y) {
        const auto *lineA = reinterpret_cast<const QRgb *>(first.constScanLine(y));
        const auto *lineB = reinterpret_cast<const QRgb *>(second.constScanLine(y));
        for (int x = 0; x < first.width(); ++x) {
            const QRgb p = lineA[x], q = lineB[x];
            largest = std::max({largest, std::abs(qRed(p) - qRed(q)), std::abs(qGreen(p) - qGreen(q)),
                                std::abs(qBlue(p) - qBlue(q)), std::abs(qAlpha(p) - qAlpha(q))});
        }
    }
    return largest;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QStringList arguments = QGuiApplication::arguments();
    const bool compare = arguments.value(1) == QLatin1StringView("--compare");
    if (compare)
        arguments.removeAt(1);
    bool sizeOk = false;
    const int size = arguments.value(2).toInt(&sizeOk);
    if (arguments.size() != 4 || !sizeOk || size < 1 || size > 4096) {
        std::fputs("usage: svg2png [--compare] INPUT.svg SIZE OUTPUT.png\n", stderr);
        return 2;
    }
    QImageReader reader(arguments.at(1), "svg");
    reader.setScaledSize(QSize(size, size));
    QImage image = reader.read();
    if (image.isNull()) {
        std::fprintf(stderr, "svg2png: cannot render %s: %s\n", qPrintable(arguments.at(1)),
                     qPrintable(reader.errorString()));
        return 1;
    }
    image = image.convertToFormat(QImage::Format_ARGB32);
    if (compare) {
        const QImage existing(arguments.at(3));
        if (existing.isNull()) {
            std::fprintf(stderr, "svg2png: cannot read %s\n", qPrintable(arguments.at(3)));
            return 1;
        }
        const int difference = largestDifference(image, existing);
        if (difference > 3) {
            std::fprintf(
                stderr,
                "svg2png: %s (%dx%d) is not the %d px rendering of %s (largest channel "
                "difference %d); render the icons again: cmake --build BUILD --target orkestr-icons\n",
                qPrintable(arguments.at(3)), existing.width(), existing.height(), size,
                qPrintable(arguments.at(1)), difference);
            return 1;
        }
        return 0;
    }
    QImageWriter writer(arguments.at(3), "png");
    // Maximum compression: the files are committed.
    writer.setQuality(0);
    if (!writer.write(image)) {
        std::fprintf(stderr, "svg2png: cannot write %s: %s\n", qPrintable(arguments.at(3)),
                     qPrintable(writer.errorString()));
        return 1;
    }
    return 0;
}

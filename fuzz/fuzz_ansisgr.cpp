// fuzz_ansisgr: the ANSI SGR parser that renders exec output claims that any split of the output
// gives the same styled runs, and that nothing but text (with newline and tab) comes out.
// Input: a split header (see FuzzInput::splitSizes; sizes count UTF-16 units here), then the output
// as UTF-8 (so C1 controls, U+0080..U+009F, are reachable too).

#include "fuzz/fuzzinput.h"
#include "session/ansisgr.h"

using namespace OrkestrFuzz;
using OrkestrSession::AnsiColor;
using OrkestrSession::AnsiRun;
using OrkestrSession::AnsiSgrParser;

namespace {

bool isControl(char16_t c)
{
    return (c < 0x20 && c != u'\n' && c != u'\t') || (c >= 0x7f && c <= 0x9f);
}

void merge(QList<AnsiRun> &into, const QList<AnsiRun> &runs)
{
    for (const auto &run : runs) {
        if (!into.isEmpty() && into.last().style == run.style)
            into.last().text += run.text;
        else
            into.append(run);
    }
}

void checkRuns(const QList<AnsiRun> &runs)
{
    for (qsizetype i = 0; i < runs.size(); ++i) {
        FUZZ_CHECK(!runs[i].text.isEmpty());
        if (i > 0)
            FUZZ_CHECK(!(runs[i].style == runs[i - 1].style)); // one feed merges its runs
        for (const QChar c : runs[i].text)
            FUZZ_CHECK(!isControl(c.unicode()));
        for (const AnsiColor &color : {runs[i].style.foreground, runs[i].style.background}) {
            FUZZ_CHECK(color.kind != AnsiColor::Kind::Rgb || color.rgb <= 0xffffff);
            FUZZ_CHECK(color.kind != AnsiColor::Kind::Default || (color.index == 0 && color.rgb == 0));
        }
    }
}

QString textOf(const QList<AnsiRun> &runs)
{
    QString text;
    for (const auto &run : runs)
        text += run.text;
    return text;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput input(data, size);
    const QList<qsizetype> sizes = input.splitSizes();
    const QString output = QString::fromUtf8(input.rest());

    AnsiSgrParser whole;
    const QList<AnsiRun> expected = whole.feed(output);
    checkRuns(expected);
    const QString plain = textOf(expected);
    FUZZ_CHECK(plain.size() <= output.size());

    // In pieces, and character by character: the same runs, the same state at the end.
    AnsiSgrParser pieces;
    QList<AnsiRun> runs;
    qsizetype at = 0;
    for (qsizetype i = 0; at < output.size(); ++i) {
        const qsizetype n
            = sizes.isEmpty() ? output.size() : std::min(sizes[i % sizes.size()], output.size() - at);
        const QList<AnsiRun> piece = pieces.feed(QStringView(output).sliced(at, n));
        checkRuns(piece);
        merge(runs, piece);
        merge(runs, pieces.feed({})); // an empty chunk changes nothing
        at += n;
    }
    FUZZ_CHECK(runs == expected);
    FUZZ_CHECK(pieces.style() == whole.style());
    FUZZ_CHECK(pieces.inSequence() == whole.inSequence());

    AnsiSgrParser bytewise;
    QList<AnsiRun> byChars;
    for (qsizetype i = 0; i < output.size(); ++i)
        merge(byChars, bytewise.feed(QStringView(output).sliced(i, 1)));
    FUZZ_CHECK(byChars == expected);

    // Output without escapes or controls comes out as it went in, unstyled.
    if (std::none_of(output.cbegin(), output.cend(), [](QChar c) { return isControl(c.unicode()); })) {
        FUZZ_CHECK(plain == output);
        FUZZ_CHECK(expected.size() <= 1 && (expected.isEmpty() || expected.first().style.isPlain()));
    }
    // What comes out is plain text: parsing it again changes nothing.
    FUZZ_CHECK(AnsiSgrParser::stripped(plain) == plain);

    // CAN ends any sequence, and a reset SGR then gives the default style, whatever came before.
    FUZZ_CHECK(whole.feed(u"\x18\x1b[0m").isEmpty());
    FUZZ_CHECK(!whole.inSequence());
    FUZZ_CHECK(whole.style().isPlain());
    const QList<AnsiRun> after = whole.feed(u"x");
    FUZZ_CHECK(after.size() == 1 && after.first().text == QStringView(u"x") && after.first().style.isPlain());
    return 0;
}

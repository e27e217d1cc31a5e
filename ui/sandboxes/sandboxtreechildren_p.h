#pragma once

// The children of a node of SandboxTreeModel's tree, shared by the files that implement it.

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <memory>
#include <vector>

namespace OrkestrUi::SandboxTree {

// A sequence of nodes in row order, kept in chunks of at most MaxChunk, each chunk knowing the
// row of its first node and each node its chunk and its place there. So a node's row costs O(1),
// the node at a row O(log chunks), and inserting or taking out a node O(MaxChunk + chunks):
// a status change that moves one sandbox among 100,000 touches a few hundred integers, not
// every sibling's row. Node needs the members `SandboxTree::Chunk<Node> *chunk` and `int slot`.
template<class Node> struct Chunk
{
    std::vector<std::unique_ptr<Node>> nodes;
    int start = 0; // the row of nodes.front()
    int index = 0; // its place among the chunks
};

template<class Node> class Children
{
public:
    using Owned = std::unique_ptr<Node>;
    static constexpr int MaxChunk = 512;

    int size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    int rowOf(const Node *node) const { return node->chunk->start + node->slot; }

    Node *at(int row) const
    {
        const ChunkT *chunk = chunkOf(row);
        return chunk->nodes[size_t(row - chunk->start)].get();
    }
    Node *front() const { return at(0); }

    // The first row whose node does not come before `value` (nodes in order by `less`).
    template<class Value, class Less> int lowerBound(const Value &value, Less less) const
    {
        int first = 0;
        int count = m_size;
        while (count > 0) {
            const int step = count / 2;
            if (less(at(first + step), value)) {
                first += step + 1;
                count -= step + 1;
            } else {
                count = step;
            }
        }
        return first;
    }

    // Calls visit(Node *) for every node in row order.
    template<class Visit> void forEach(Visit &&visit) const
    {
        for (const auto &chunk : m_chunks)
            for (const auto &node : chunk->nodes)
                visit(node.get());
    }

    // Inserts `run` at `row`, in its order.
    void insert(int row, std::vector<Owned> run)
    {
        if (run.empty())
            return;
        if (m_chunks.empty())
            m_chunks.push_back(std::make_unique<ChunkT>());
        ChunkT *chunk = row == m_size ? m_chunks.back().get() : chunkOf(row);
        const int at = row - chunk->start;
        const int added = int(run.size());
        chunk->nodes.insert(chunk->nodes.begin() + at, std::make_move_iterator(run.begin()),
                            std::make_move_iterator(run.end()));
        m_size += added;
        shiftStarts(chunk->index + 1, added);
        if (int(chunk->nodes.size()) > MaxChunk)
            split(chunk);
        else
            renumber(chunk, at);
    }

    void insert(int row, Owned node)
    {
        std::vector<Owned> run;
        run.push_back(std::move(node));
        insert(row, std::move(run));
    }

    // Takes rows first..last out, in order.
    std::vector<Owned> take(int first, int last)
    {
        std::vector<Owned> taken;
        taken.reserve(size_t(last - first + 1));
        // From the last row up, a chunk at a time.
        int end = last + 1;
        while (end > first) {
            ChunkT *chunk = chunkOf(end - 1);
            const int from = std::max(first, chunk->start) - chunk->start;
            const int to = end - chunk->start;
            auto begin = chunk->nodes.begin();
            taken.insert(taken.begin(), std::make_move_iterator(begin + from),
                         std::make_move_iterator(begin + to));
            chunk->nodes.erase(begin + from, begin + to);
            m_size -= to - from;
            shiftStarts(chunk->index + 1, from - to);
            end = chunk->start + from;
            if (chunk->nodes.empty()) {
                removeChunk(chunk);
            } else {
                renumber(chunk, from);
                mergeWithNext(chunk);
            }
        }
        return taken;
    }

    Owned take(const Node *node) { return std::move(take(rowOf(node), rowOf(node)).front()); }

    // Every node, in row order, leaving none.
    std::vector<Owned> takeAll()
    {
        std::vector<Owned> all;
        all.reserve(size_t(m_size));
        for (auto &chunk : m_chunks)
            std::move(chunk->nodes.begin(), chunk->nodes.end(), std::back_inserter(all));
        m_chunks.clear();
        m_size = 0;
        return all;
    }

    // Replaces every node with `nodes`, in their order.
    void assign(std::vector<Owned> nodes)
    {
        m_chunks.clear();
        m_size = 0;
        insertChunks(0, std::move(nodes));
    }

private:
    using ChunkT = Chunk<Node>;

    ChunkT *chunkOf(int row) const
    {
        // Views ask for rows in turn: the chunk of the last answer, or the next, is the usual one.
        for (const int guess : {m_lastChunk, m_lastChunk + 1}) {
            if (guess < int(m_chunks.size())) {
                ChunkT *chunk = m_chunks[size_t(guess)].get();
                if (row >= chunk->start && row < chunk->start + int(chunk->nodes.size())) {
                    m_lastChunk = guess;
                    return chunk;
                }
            }
        }
        auto it = std::upper_bound(
            m_chunks.begin(), m_chunks.end(), row,
            [](int value, const std::unique_ptr<ChunkT> &chunk) { return value < chunk->start; });
        m_lastChunk = int(it - m_chunks.begin() - 1);
        return m_chunks[size_t(m_lastChunk)].get();
    }

    void shiftStarts(int fromChunk, int delta)
    {
        for (size_t i = size_t(fromChunk); i < m_chunks.size(); ++i)
            m_chunks[i]->start += delta;
    }

    void renumber(ChunkT *chunk, int from)
    {
        for (size_t i = size_t(from); i < chunk->nodes.size(); ++i) {
            chunk->nodes[i]->chunk = chunk;
            chunk->nodes[i]->slot = int(i);
        }
    }

    void reindex(size_t from)
    {
        for (size_t i = from; i < m_chunks.size(); ++i)
            m_chunks[i]->index = int(i);
    }

    void removeChunk(ChunkT *chunk)
    {
        const auto at = size_t(chunk->index);
        m_chunks.erase(m_chunks.begin() + std::ptrdiff_t(at));
        reindex(at);
        m_lastChunk = 0;
    }

    // Chunks that shrank join their neighbour, so that they stay few.
    void mergeWithNext(ChunkT *chunk)
    {
        const auto at = size_t(chunk->index);
        if (at + 1 >= m_chunks.size() || chunk->nodes.size() + m_chunks[at + 1]->nodes.size() > MaxChunk / 2)
            return;
        const int from = int(chunk->nodes.size());
        auto &next = m_chunks[at + 1]->nodes;
        std::move(next.begin(), next.end(), std::back_inserter(chunk->nodes));
        m_chunks.erase(m_chunks.begin() + std::ptrdiff_t(at + 1));
        reindex(at + 1);
        renumber(chunk, from);
        m_lastChunk = 0;
    }

    // A chunk grown past MaxChunk becomes chunks of half that.
    void split(ChunkT *chunk)
    {
        const int at = chunk->index;
        std::vector<Owned> nodes = std::move(chunk->nodes);
        const int start = chunk->start;
        m_chunks.erase(m_chunks.begin() + at);
        m_size -= int(nodes.size());
        shiftStarts(at, -int(nodes.size()));
        insertChunks(at, std::move(nodes), start);
    }

    // Adds `nodes` as new chunks at chunk position `at` (row `start`), renumbering what follows.
    void insertChunks(int at, std::vector<Owned> nodes, int start = 0)
    {
        constexpr size_t Half = MaxChunk / 2;
        std::vector<std::unique_ptr<ChunkT>> fresh;
        for (size_t first = 0; first < nodes.size(); first += Half) {
            auto chunk = std::make_unique<ChunkT>();
            const size_t last = std::min(nodes.size(), first + Half);
            chunk->nodes.assign(std::make_move_iterator(nodes.begin() + std::ptrdiff_t(first)),
                                std::make_move_iterator(nodes.begin() + std::ptrdiff_t(last)));
            chunk->start = start + int(first);
            renumber(chunk.get(), 0);
            fresh.push_back(std::move(chunk));
        }
        const int added = int(nodes.size());
        m_size += added;
        shiftStarts(at, added);
        m_chunks.insert(m_chunks.begin() + at, std::make_move_iterator(fresh.begin()),
                        std::make_move_iterator(fresh.end()));
        reindex(size_t(at));
        m_lastChunk = 0;
    }

    std::vector<std::unique_ptr<ChunkT>> m_chunks;
    int m_size = 0;
    mutable int m_lastChunk = 0; // ints, as m_size: every node holds a Children
};

} // namespace OrkestrUi::SandboxTree

// SPDX-License-Identifier: Apache-2.0
// StageCell: carries a ~Copyable key-schedule stage through copyable handshake states, releasing it once.

/// Holds one `~Copyable` stage. `take()` moves it out; a second `take()` is an internal error, so a stage
/// still cannot be advanced twice even though the state that carries the cell is copyable.
final class StageCell<Stage: ~Copyable>: @unchecked Sendable {  // mutated only by the owning machine
    private var stage: Stage?

    init(_ stage: consuming Stage) { self.stage = .some(stage) }

    func take() throws(TLSError) -> Stage {
        guard let s = stage.take() else { throw .internal("key-schedule stage used twice") }
        return s
    }
}

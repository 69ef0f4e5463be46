// SPDX-License-Identifier: Apache-2.0
// A joinable POSIX thread for running a blocking server loop beside a test.

import Glibc

final class BackgroundThread: @unchecked Sendable {  // body runs once on the new thread; join from the creator
    private final class Box {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    private var thread = pthread_t()

    init(_ body: @escaping () -> Void) {
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        pthread_create(&thread, nil, { arg in
            guard let arg else { return nil }
            Unmanaged<Box>.fromOpaque(arg).takeRetainedValue().body()
            return nil
        }, box)
    }

    func join() { pthread_join(thread, nil) }
}

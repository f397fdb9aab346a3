# Server protection: refusals under load.

error-busy = The server is busy. Try again in { $seconds } seconds.

# Protection du serveur : refus en cas de charge.

error-busy = Le serveur est occupé. Réessayez dans { $seconds } secondes.

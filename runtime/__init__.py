"""What every process shares: settings, logging, the services container and the root
that opens them (:func:`runtime.root.open_services`)."""

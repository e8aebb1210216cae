"""What every process shares: settings, logging, and the services container."""

import { useState } from 'react';
import { SourceServer } from '@drs-orchestration/plugin-drs-common';
import {
  Box,
  Checkbox,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  TextField,
  Typography,
} from '@material-ui/core';
import { formatSeconds } from '../format';
import { DraftWave } from './planDraft';
import { StatusChip } from '../StatusChip/StatusChip';

/** Beyond this many servers the picker offers a filter. */
const FILTER_THRESHOLD = 8;

function matches(server: SourceServer, filter: string): boolean {
  const text = filter.trim().toLocaleLowerCase('en-US');
  return (
    !text ||
    server.hostname.toLocaleLowerCase('en-US').includes(text) ||
    server.sourceServerId.toLocaleLowerCase('en-US').includes(text)
  );
}

/**
 * Picks a wave's servers from the entity's DRS source servers, with their replication state
 * and lag; a server already in another wave is greyed out, since it can be in one wave only.
 */
export function ServerPicker({
  wave,
  servers,
  waveOfServer,
  onToggle,
}: {
  wave: DraftWave;
  servers: SourceServer[];
  /** The wave each server is in. */
  waveOfServer: Map<string, DraftWave>;
  onToggle: (sourceServerId: string) => void;
}) {
  const selected = wave.sourceServerIds;
  const [filter, setFilter] = useState('');
  const known = new Set(servers.map(server => server.sourceServerId));
  // IDs a saved plan names that DRS no longer reports for this entity: shown so they can be removed
  const unknown = selected.filter(id => !known.has(id));
  const shown = servers.filter(server => matches(server, filter));

  return (
    <Box>
      {servers.length > FILTER_THRESHOLD && (
        <TextField
          id={`drs-server-filter-${wave.key}`}
          label="Filter servers"
          value={filter}
          onChange={event => setFilter(event.target.value)}
          size="small"
          margin="dense"
        />
      )}
      <List dense aria-label={`Servers of wave ${wave.name}`}>
        {unknown.map(id => (
          <ListItem key={id}>
            <ListItemIcon>
              <Checkbox
                edge="start"
                checked
                onChange={() => onToggle(id)}
                inputProps={{ 'aria-label': id }}
              />
            </ListItemIcon>
            <ListItemText
              primary={id}
              secondary="Not among this entity's DRS source servers"
            />
          </ListItem>
        ))}
        {shown.map(server => {
          const id = server.sourceServerId;
          const owner = waveOfServer.get(id);
          const inOtherWave = owner !== undefined && owner.key !== wave.key;
          return (
            // the checkbox is the control (a row that is a button must not hold one)
            <ListItem key={id} disabled={inOtherWave}>
              <ListItemIcon>
                <Checkbox
                  edge="start"
                  checked={selected.includes(id)}
                  disabled={inOtherWave}
                  onChange={() => onToggle(id)}
                  inputProps={{ 'aria-label': server.hostname || id }}
                />
              </ListItemIcon>
              <ListItemText
                primary={server.hostname}
                secondary={inOtherWave ? `${id} · in wave ${owner.name}` : id}
              />
              <Box display="flex" alignItems="center" ml={2}>
                <StatusChip status={server.replicationState} />
                <Typography variant="body2" style={{ marginLeft: 8 }}>
                  lag {formatSeconds(server.lagSeconds)}
                </Typography>
              </Box>
            </ListItem>
          );
        })}
      </List>
      {servers.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          DRS reports no source servers for this entity.
        </Typography>
      )}
    </Box>
  );
}
